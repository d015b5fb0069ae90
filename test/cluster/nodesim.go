package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
)

// runNodeSim registers simulated nodes, keeps them Ready and plays the part of
// their kubelets for the pods bound to them (see podstatus.go for the rules).
func runNodeSim(args []string) int {
	fs := flag.NewFlagSet("nodesim", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig of a user allowed to manage nodes and pods (required)")
	count := fs.Int("nodes", 3, "number of nodes to simulate")
	fs.Parse(args) //nolint:errcheck // ExitOnError
	if *kubeconfig == "" {
		fmt.Fprintln(os.Stderr, "nodesim: --kubeconfig is required")
		return 2
	}
	client, err := newClient(*kubeconfig)
	if err != nil {
		logf("nodesim: %v", err)
		return 1
	}
	// Heartbeats get a client (and rate limiter) of their own, so that a flood
	// of pod status writes never delays a Lease renewal into a NotReady node.
	heartbeatClient, err := newClient(*kubeconfig)
	if err != nil {
		logf("nodesim: %v", err)
		return 1
	}

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	nodes := make([]*simNode, *count)
	for i := range nodes {
		nodes[i] = newSimNode(i + 1)
		if err := nodes[i].register(ctx, heartbeatClient); err != nil {
			logf("nodesim: register %s: %v", nodes[i].name, err)
			return 1
		}
		go nodes[i].heartbeat(ctx, heartbeatClient)
	}

	if err := runSimulators(ctx, client, nodes); err != nil {
		logf("nodesim: %v", err)
		return 1
	}
	return 0
}

// runSimulators runs the pod, service and volume simulators until ctx ends.
func runSimulators(ctx context.Context, client kubernetes.Interface, nodes []*simNode) error {
	factory := informers.NewSharedInformerFactory(client, 10*time.Minute)
	pods, err := newPodSimulator(client, factory, nodes)
	if err != nil {
		return err
	}
	services, err := newServiceSimulator(client, factory)
	if err != nil {
		return err
	}
	volumes, err := newVolumeSimulator(client, factory)
	if err != nil {
		return err
	}
	if err := volumes.ensureStorageClass(ctx); err != nil {
		return fmt.Errorf("default StorageClass: %w", err)
	}
	factory.Start(ctx.Done())
	for informerType, synced := range factory.WaitForCacheSync(ctx.Done()) {
		if !synced {
			return fmt.Errorf("cache of %v did not sync", informerType)
		}
	}
	logf("nodesim: %d nodes registered, simulating pods", len(nodes))
	go services.run(ctx)
	go volumes.run(ctx)
	pods.run(ctx, 4)
	factory.Shutdown()
	return nil
}
