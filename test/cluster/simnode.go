package main

import (
	"context"
	"fmt"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/component-base/version"
	"k8s.io/utils/ptr"
)

const (
	leaseDuration = 40 * time.Second
	leaseRenewal  = 10 * time.Second
	statusRefresh = 60 * time.Second
)

// simNode is one fake node: an API object with a Lease kept fresh, so that the
// node lifecycle controller sees a healthy kubelet.
type simNode struct {
	index int
	name  string
	ip    string // an address from TEST-NET-1: data only, nothing routes to it
}

func newSimNode(index int) *simNode {
	return &simNode{index: index, name: fmt.Sprintf("sim-node-%d", index), ip: fmt.Sprintf("192.0.2.%d", index)}
}

// kubeletVersion is the version the simulated kubelets report: the control
// plane's own (set at build time by build.sh).
func kubeletVersion() string { return version.Get().GitVersion }

func (n *simNode) object() *corev1.Node {
	// Generous on purpose: pods cost nothing here, and benchmarks create thousands.
	resources := corev1.ResourceList{
		corev1.ResourceCPU:              resource.MustParse("256"),
		corev1.ResourceMemory:           resource.MustParse("1Ti"),
		corev1.ResourcePods:             resource.MustParse("5000"),
		corev1.ResourceEphemeralStorage: resource.MustParse("10Ti"),
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name: n.name,
			Labels: map[string]string{
				"kubernetes.io/hostname":      n.name,
				"kubernetes.io/os":            "linux",
				"kubernetes.io/arch":          "amd64",
				"topology.kubernetes.io/zone": fmt.Sprintf("sim-zone-%d", n.index),
				"lading.dev/simulated":        "true",
			},
		},
		Spec: corev1.NodeSpec{PodCIDR: n.podCIDR(), PodCIDRs: []string{n.podCIDR()}},
		Status: corev1.NodeStatus{
			Capacity:    resources,
			Allocatable: resources,
			Phase:       corev1.NodeRunning,
			Conditions:  n.conditions(metav1.Now()),
			Addresses: []corev1.NodeAddress{
				{Type: corev1.NodeInternalIP, Address: n.ip},
				{Type: corev1.NodeHostName, Address: n.name},
			},
			DaemonEndpoints: corev1.NodeDaemonEndpoints{KubeletEndpoint: corev1.DaemonEndpoint{Port: 10250}},
			NodeInfo: corev1.NodeSystemInfo{
				KubeletVersion:          kubeletVersion(),
				KubeProxyVersion:        kubeletVersion(),
				ContainerRuntimeVersion: "lading-sim://1.0.0",
				OperatingSystem:         "linux",
				Architecture:            "amd64",
				OSImage:                 "lading simulated node",
				KernelVersion:           "0.0.0-simulated",
			},
		},
	}
}

func (n *simNode) podCIDR() string { return fmt.Sprintf("10.244.%d.0/24", n.index) }

func (n *simNode) conditions(now metav1.Time) []corev1.NodeCondition {
	condition := func(kind corev1.NodeConditionType, status corev1.ConditionStatus, reason, message string) corev1.NodeCondition {
		return corev1.NodeCondition{Type: kind, Status: status, Reason: reason, Message: message, LastHeartbeatTime: now, LastTransitionTime: now}
	}
	return []corev1.NodeCondition{
		condition(corev1.NodeReady, corev1.ConditionTrue, "KubeletReady", "simulated kubelet is posting ready status"),
		condition(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory", "simulated"),
		condition(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure", "simulated"),
		condition(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID", "simulated"),
	}
}

// register creates the node (or marks an existing one Ready) and its Lease.
func (n *simNode) register(ctx context.Context, client kubernetes.Interface) error {
	_, err := client.CoreV1().Nodes().Create(ctx, n.object(), metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		err = n.refreshStatus(ctx, client)
	}
	if err != nil {
		return err
	}
	return n.renewLease(ctx, client)
}

// heartbeat renews the Lease often and the Ready condition now and then, as a
// kubelet does, until ctx ends.
func (n *simNode) heartbeat(ctx context.Context, client kubernetes.Interface) {
	leaseTicker := time.NewTicker(leaseRenewal)
	defer leaseTicker.Stop()
	statusTicker := time.NewTicker(statusRefresh)
	defer statusTicker.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case <-leaseTicker.C:
			err = n.renewLease(ctx, client)
		case <-statusTicker.C:
			err = n.refreshStatus(ctx, client)
		}
		if apierrors.IsNotFound(err) {
			err = n.register(ctx, client) // someone deleted the node: come back
		}
		if err != nil && ctx.Err() == nil {
			logf("nodesim: %s heartbeat: %v", n.name, err)
		}
	}
}

func (n *simNode) refreshStatus(ctx context.Context, client kubernetes.Interface) error {
	node, err := client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	fresh := n.object()
	node.Status.Conditions = fresh.Status.Conditions
	node.Status.Capacity = fresh.Status.Capacity
	node.Status.Allocatable = fresh.Status.Allocatable
	_, err = client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
	return err
}

func (n *simNode) renewLease(ctx context.Context, client kubernetes.Interface) error {
	leases := client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	now := metav1.NewMicroTime(time.Now())
	lease, err := leases.Get(ctx, n.name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, err := client.CoreV1().Nodes().Get(ctx, n.name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		_, err = leases.Create(ctx, &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{
				Name: n.name,
				OwnerReferences: []metav1.OwnerReference{{
					APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID,
				}},
			},
			Spec: coordinationv1.LeaseSpec{
				HolderIdentity:       ptr.To(n.name),
				LeaseDurationSeconds: ptr.To(int32(leaseDuration.Seconds())),
				RenewTime:            &now,
			},
		}, metav1.CreateOptions{})
		return err
	}
	if err != nil {
		return err
	}
	lease.Spec.RenewTime = &now
	_, err = leases.Update(ctx, lease, metav1.UpdateOptions{})
	return err
}
