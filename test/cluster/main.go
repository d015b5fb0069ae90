// Command testcluster is a multi-call binary holding a whole Kubernetes control
// plane for lading's tests: etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler and kubectl, all built from the upstream Go modules, plus a
// launcher ("up") and a node and pod-status simulator ("nodesim").
//
// Each component runs as its own child process of "up", so the components'
// global state (flags, feature gates, metrics registries) never mixes.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type subcommand struct {
	summary string
	run     func(args []string) int
}

var subcommands = map[string]subcommand{
	"up":                 {"start the whole control plane and wait until it is ready", runUp},
	"etcd":               {"run an embedded etcd server", runEtcd},
	"apiserver":          {"run kube-apiserver", runAPIServer},
	"controller-manager": {"run kube-controller-manager", runControllerManager},
	"scheduler":          {"run kube-scheduler", runScheduler},
	"kubectl":            {"run kubectl of the same Kubernetes version", runKubectl},
	"nodesim":            {"simulate nodes and the status of pods bound to them", runNodeSim},
}

func main() {
	name := filepath.Base(os.Args[0])
	args := os.Args[1:]
	if _, ok := subcommands[name]; !ok || name == "up" {
		// Called as testcluster SUBCOMMAND ... rather than through a symlink.
		if len(args) == 0 {
			usage()
			os.Exit(2)
		}
		name, args = args[0], args[1:]
	}
	sub, ok := subcommands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "testcluster: unknown subcommand %q\n", name)
		usage()
		os.Exit(2)
	}
	// The upstream commands read os.Args themselves (cobra, kubectl plugins).
	os.Args = append([]string{name}, args...)
	os.Exit(sub.run(args))
}

func usage() {
	names := make([]string, 0, len(subcommands))
	for n := range subcommands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: testcluster SUBCOMMAND [flags]\n\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-20s %s\n", n, subcommands[n].summary)
	}
	fmt.Fprint(os.Stderr, b.String())
}
