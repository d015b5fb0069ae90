package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

// podSimulator plays the kubelet of the simulated nodes: it writes the status
// of every pod bound to one of them, and finishes the deletion of those pods.
type podSimulator struct {
	client kubernetes.Interface
	pods   corelisters.PodLister
	nodes  map[string]*simNode
	queue  workqueue.TypedRateLimitingInterface[string]

	mu     sync.Mutex
	stages map[types.UID]string // the last status stage written per pod
	nextIP map[string]int       // next host number per node
	podIPs map[types.UID]string
}

func newPodSimulator(client kubernetes.Interface, factory informers.SharedInformerFactory, nodes []*simNode) (*podSimulator, error) {
	s := &podSimulator{
		client: client,
		pods:   factory.Core().V1().Pods().Lister(),
		nodes:  map[string]*simNode{},
		queue:  workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		stages: map[types.UID]string{},
		nextIP: map[string]int{},
		podIPs: map[types.UID]string{},
	}
	for _, n := range nodes {
		s.nodes[n.name] = n
	}
	enqueue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			s.queue.Add(key)
		}
	}
	_, err := factory.Core().V1().Pods().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
		DeleteFunc: enqueue,
	})
	return s, err
}

func (s *podSimulator) run(ctx context.Context, workers int) {
	processQueue(ctx, s.queue, workers, "pod ", s.sync)
}

func (s *podSimulator) sync(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil
	}
	pod, err := s.pods.Pods(namespace).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	node, ours := s.nodes[pod.Spec.NodeName]
	if !ours {
		return nil
	}
	if pod.DeletionTimestamp != nil {
		return s.finishDeletion(ctx, pod)
	}
	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		return nil
	}

	plan := planPodStatus(pod, node, s.podIP(pod, node), time.Now())
	if plan.recheck > 0 {
		s.queue.AddAfter(key, plan.recheck)
	}
	s.mu.Lock()
	written := s.stages[pod.UID] == plan.stage
	s.mu.Unlock()
	if written {
		return nil
	}
	updated := pod.DeepCopy()
	updated.Status = *plan.status
	if _, err := s.client.CoreV1().Pods(namespace).UpdateStatus(ctx, updated, metav1.UpdateOptions{}); err != nil {
		return err
	}
	s.mu.Lock()
	s.stages[pod.UID] = plan.stage
	s.mu.Unlock()
	for _, e := range plan.events {
		s.recordEvent(ctx, pod, node, e)
	}
	return nil
}

// finishDeletion does what a kubelet does once a pod's containers have stopped:
// it deletes the pod for good (grace period 0).
func (s *podSimulator) finishDeletion(ctx context.Context, pod *corev1.Pod) error {
	uid := pod.UID
	err := s.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
		GracePeriodSeconds: new(int64),
		Preconditions:      &metav1.Preconditions{UID: &uid},
	})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		err = nil // gone already, or a new pod of the same name
	}
	if err == nil {
		s.mu.Lock()
		delete(s.stages, uid)
		delete(s.podIPs, uid)
		s.mu.Unlock()
	}
	return err
}

// podIP hands out addresses from the node's pod CIDR (API data only).
func (s *podSimulator) podIP(pod *corev1.Pod, node *simNode) string {
	if pod.Status.PodIP != "" {
		return pod.Status.PodIP
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ip, ok := s.podIPs[pod.UID]; ok {
		return ip
	}
	host := s.nextIP[node.name]%253 + 2
	s.nextIP[node.name]++
	ip := fmt.Sprintf("10.244.%d.%d", node.index, host)
	s.podIPs[pod.UID] = ip
	return ip
}

func (s *podSimulator) recordEvent(ctx context.Context, pod *corev1.Pod, node *simNode, e simEvent) {
	suffix := make([]byte, 8)
	rand.Read(suffix) //nolint:errcheck
	now := metav1.Now()
	event := &corev1.Event{
		ObjectMeta: metav1.ObjectMeta{Name: pod.Name + "." + hex.EncodeToString(suffix), Namespace: pod.Namespace},
		InvolvedObject: corev1.ObjectReference{
			Kind: "Pod", APIVersion: "v1", Namespace: pod.Namespace, Name: pod.Name,
			UID: pod.UID, ResourceVersion: pod.ResourceVersion,
		},
		Type: e.kind, Reason: e.reason, Message: e.message,
		Source:         corev1.EventSource{Component: "kubelet", Host: node.name},
		FirstTimestamp: now, LastTimestamp: now, Count: 1,
	}
	if _, err := s.client.CoreV1().Events(pod.Namespace).Create(ctx, event, metav1.CreateOptions{}); err != nil && ctx.Err() == nil {
		logf("nodesim: event for pod %s/%s: %v", pod.Namespace, pod.Name, err)
	}
}
