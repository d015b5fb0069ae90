package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Addresses used only as API allocations: nothing ever routes to them.
const (
	serviceCIDR     = "10.96.0.0/16"
	kubernetesSvcIP = "10.96.0.1"
)

// upOptions are the flags of "testcluster up".
type upOptions struct {
	runDir       string
	nodes        int
	readyTimeout time.Duration
	webhooks     bool   // admission webhooks on (off by default: see admissionArgs)
	controllers  string // kube-controller-manager's --controllers
}

// runUp starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler
// and the node simulator, waits until the cluster can run pods, writes
// RUN_DIR/kubeconfig and RUN_DIR/ready, and then keeps running until SIGTERM
// or SIGINT (or until a component dies), when it stops everything and removes
// its temporary directory.
func runUp(args []string) int {
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	var opts upOptions
	fs.StringVar(&opts.runDir, "run-dir", "", "directory for the kubeconfig, the kubectl link, logs and the ready marker (required)")
	fs.IntVar(&opts.nodes, "nodes", 3, "number of simulated nodes")
	fs.DurationVar(&opts.readyTimeout, "ready-timeout", 3*time.Minute, "how long to wait for the cluster to become ready")
	fs.BoolVar(&opts.webhooks, "webhooks", false, "enable the admission plugins ValidatingAdmissionWebhook and MutatingAdmissionWebhook (for a test that serves its webhook on 127.0.0.1)")
	fs.StringVar(&opts.controllers, "controllers", "*", "kube-controller-manager's --controllers (a benchmark turns off the HPA controller, which has no metrics API here: *,-horizontalpodautoscaling)")
	fs.Parse(args) //nolint:errcheck // ExitOnError
	if opts.runDir == "" {
		fmt.Fprintln(os.Stderr, "up: --run-dir is required")
		return 2
	}

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	c, err := newCluster(opts)
	if err != nil {
		logf("up: %v", err)
		return 1
	}
	defer c.cleanup()

	started := time.Now()
	if err := c.start(ctx); err != nil {
		logf("up: %v", err)
		return 1
	}
	logf("up: ready in %s; KUBECONFIG=%s", time.Since(started).Round(time.Millisecond), c.userKubeconfig)
	if err := os.WriteFile(c.readyFile, []byte(c.userKubeconfig+"\n"), 0o644); err != nil {
		logf("up: %v", err)
		return 1
	}

	if failed := c.waitForStopOrFailure(ctx); failed != nil {
		logf("up: %s exited (%v); stopping the cluster, see %s", failed.name, failed.err, filepath.Join(c.logDir, failed.name+".log"))
		return 1
	}
	logf("up: stopping")
	return 0
}

// cluster is the state of one running control plane.
type cluster struct {
	opts           upOptions
	self           string
	tmpDir         string // certificates, tokens, etcd data: removed on stop
	logDir         string
	readyFile      string
	userKubeconfig string
	children       []*child
	egress         *egress
}

func newCluster(opts upOptions) (*cluster, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	runDir, err := filepath.Abs(opts.runDir)
	if err != nil {
		return nil, err
	}
	c := &cluster{
		opts:           opts,
		self:           self,
		logDir:         filepath.Join(runDir, "logs"),
		readyFile:      filepath.Join(runDir, "ready"),
		userKubeconfig: filepath.Join(runDir, "kubeconfig"),
	}
	if err := os.MkdirAll(c.logDir, 0o755); err != nil {
		return nil, err
	}
	os.Remove(c.readyFile)
	removeStaleTmpDirs()
	c.tmpDir, err = os.MkdirTemp("", tmpDirPattern)
	if err != nil {
		return nil, err
	}
	if err := claimTmpDir(c.tmpDir); err != nil {
		return nil, err
	}
	// The same binary is kubectl when called through a link named kubectl.
	kubectlLink := filepath.Join(runDir, "kubectl")
	os.Remove(kubectlLink)
	if err := os.Symlink(self, kubectlLink); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *cluster) start(ctx context.Context) error {
	ports, err := freePorts(5)
	if err != nil {
		return err
	}
	etcdClientPort, etcdPeerPort, apiPort, cmPort, schedulerPort := ports[0], ports[1], ports[2], ports[3], ports[4]
	server := "https://127.0.0.1:" + strconv.Itoa(apiPort)

	certs, err := newPKI(c.tmpDir, net.ParseIP(kubernetesSvcIP))
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	admin := newTokenUser("admin", "system:masters")
	restricted := newTokenUser("restricted")
	controllerManager := newTokenUser("system:kube-controller-manager")
	scheduler := newTokenUser("system:kube-scheduler")
	nodeSim := newTokenUser("lading:nodesim", "system:masters")
	tokenFile := filepath.Join(c.tmpDir, "tokens.csv")
	if err := writeTokenFile(tokenFile, []tokenUser{admin, restricted, controllerManager, scheduler, nodeSim}); err != nil {
		return err
	}
	kubeconfigs := map[string]tokenUser{"controller-manager": controllerManager, "scheduler": scheduler, "nodesim": nodeSim}
	for name, user := range kubeconfigs {
		if err := writeKubeconfig(filepath.Join(c.tmpDir, name+".kubeconfig"), server, certs.caPEM, user); err != nil {
			return err
		}
	}
	if err := writeKubeconfig(c.userKubeconfig, server, certs.caPEM, admin, restricted); err != nil {
		return err
	}

	if err := c.spawn("etcd", "--data-dir", filepath.Join(c.tmpDir, "etcd"),
		"--client-port", strconv.Itoa(etcdClientPort), "--peer-port", strconv.Itoa(etcdPeerPort)); err != nil {
		return err
	}
	// Before the apiserver: it dials through the egress proxies from its first request on.
	if c.egress, err = startEgress(c.tmpDir, c.logDir); err != nil {
		return err
	}
	apiArgs := append(apiServerArgs(certs, tokenFile, apiPort, etcdClientPort), admissionArgs(c.opts.webhooks)...)
	apiArgs = append(apiArgs, "--egress-selector-config-file", c.egress.configFile)
	logf("up: admission webhooks %s; kube-apiserver egress to cluster and controlplane addresses is refused (logs/egress-refused.log)", onOff(c.opts.webhooks))
	if err := c.spawn("apiserver", apiArgs...); err != nil {
		return err
	}
	client, err := newClient(c.userKubeconfig)
	if err != nil {
		return err
	}
	deadline, cancel := context.WithTimeout(ctx, c.opts.readyTimeout)
	defer cancel()
	if err := c.waitFor(deadline, "kube-apiserver /readyz", func(ctx context.Context) error { return apiServerReady(ctx, client) }); err != nil {
		return err
	}
	if err := grantView(deadline, client, restricted.Name); err != nil {
		return err
	}
	if err := c.spawn("controller-manager", controllerManagerArgs(certs, filepath.Join(c.tmpDir, "controller-manager.kubeconfig"), cmPort, c.opts.controllers)...); err != nil {
		return err
	}
	if err := c.spawn("scheduler", "--kubeconfig", filepath.Join(c.tmpDir, "scheduler.kubeconfig"),
		"--bind-address", "127.0.0.1", "--secure-port", strconv.Itoa(schedulerPort), "--leader-elect=false"); err != nil {
		return err
	}
	if err := c.spawn("nodesim", "--kubeconfig", filepath.Join(c.tmpDir, "nodesim.kubeconfig"),
		"--nodes", strconv.Itoa(c.opts.nodes)); err != nil {
		return err
	}
	if err := c.waitFor(deadline, fmt.Sprintf("%d Ready nodes", c.opts.nodes), func(ctx context.Context) error { return nodesReady(ctx, client, c.opts.nodes) }); err != nil {
		return err
	}
	return c.waitFor(deadline, "the default ServiceAccount", func(ctx context.Context) error { return defaultServiceAccount(ctx, client) })
}

func apiServerArgs(certs *pki, tokenFile string, apiPort, etcdPort int) []string {
	return []string{
		"--etcd-servers", "http://127.0.0.1:" + strconv.Itoa(etcdPort),
		"--bind-address", "127.0.0.1",
		"--advertise-address", "127.0.0.1",
		"--secure-port", strconv.Itoa(apiPort),
		"--tls-cert-file", certs.ServingCert,
		"--tls-private-key-file", certs.ServingKey,
		"--client-ca-file", certs.CACert,
		"--token-auth-file", tokenFile,
		"--authorization-mode", "Node,RBAC",
		"--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file", certs.SAPub,
		"--service-account-signing-key-file", certs.SAKey,
		"--service-cluster-ip-range", serviceCIDR,
		"--allow-privileged=true",
		// The loopback address may not be published as the endpoint of the
		// kubernetes Service, and nothing in this cluster would use it.
		"--endpoint-reconciler-type", "none",
		"--profiling=false",
	}
}

// admissionArgs turns the webhook admission plugins off unless asked: real
// manifests carry webhook configurations whose Services never run here, and a
// dead webhook with failurePolicy Fail would block every object it matches.
// The plugin names are those of k8s.io/apiserver/pkg/admission/plugin/webhook.
func admissionArgs(webhooks bool) []string {
	if webhooks {
		return nil
	}
	return []string{"--disable-admission-plugins", "ValidatingAdmissionWebhook,MutatingAdmissionWebhook"}
}

func controllerManagerArgs(certs *pki, kubeconfig string, port int, controllers string) []string {
	return []string{
		"--kubeconfig", kubeconfig,
		"--bind-address", "127.0.0.1",
		"--secure-port", strconv.Itoa(port),
		"--leader-elect=false",
		"--use-service-account-credentials=true",
		"--service-account-private-key-file", certs.SAKey,
		"--root-ca-file", certs.CACert,
		"--cluster-signing-cert-file", certs.CACert,
		"--cluster-signing-key-file", certs.CAKey,
		"--controllers", controllers,
		"--kube-api-qps", "100",
		"--kube-api-burst", "200",
		"--profiling=false",
	}
}

func (c *cluster) spawn(name string, args ...string) error {
	ch, err := startChild(c.self, c.logDir, name, append([]string{name}, args...)...)
	if err != nil {
		return err
	}
	c.children = append(c.children, ch)
	return nil
}

// waitFor polls check every 200ms until it succeeds, a component dies, or ctx ends.
func (c *cluster) waitFor(ctx context.Context, what string, check func(context.Context) error) error {
	started := time.Now()
	var last error
	for {
		callCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		last = check(callCtx)
		cancel()
		if last == nil {
			logf("up: %s after %s", what, time.Since(started).Round(time.Millisecond))
			return nil
		}
		for _, ch := range c.children {
			if ch.exited() {
				return fmt.Errorf("waiting for %s: %s exited (%v), see %s", what, ch.name, ch.err, filepath.Join(c.logDir, ch.name+".log"))
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w (last error: %v)", what, ctx.Err(), last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// waitForStopOrFailure blocks until ctx is cancelled (a signal) or a child
// exits; it returns the child that exited, if any.
func (c *cluster) waitForStopOrFailure(ctx context.Context) *child {
	exited := make(chan *child, len(c.children))
	for _, ch := range c.children {
		go func(ch *child) {
			<-ch.done
			exited <- ch
		}(ch)
	}
	select {
	case <-ctx.Done():
		return nil
	case ch := <-exited:
		return ch
	}
}

// cleanup stops the components in reverse start order and removes the
// temporary directory and the ready marker.
func (c *cluster) cleanup() {
	for i := len(c.children) - 1; i >= 0; i-- {
		c.children[i].stop(15 * time.Second)
	}
	if c.egress != nil {
		c.egress.stop()
	}
	os.Remove(c.readyFile)
	if c.tmpDir != "" {
		if err := os.RemoveAll(c.tmpDir); err != nil && !errors.Is(err, os.ErrNotExist) {
			logf("up: remove %s: %v", c.tmpDir, err)
		}
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05.000")+" "+format+"\n", args...)
}
