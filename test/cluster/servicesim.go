package main

import (
	"context"
	"fmt"
	"sync"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

// serviceSimulator plays a cloud load-balancer controller: each Service of
// type LoadBalancer gets an ingress address from TEST-NET-2 (data only).
type serviceSimulator struct {
	client   kubernetes.Interface
	services corelisters.ServiceLister
	queue    workqueue.TypedRateLimitingInterface[string]

	mu   sync.Mutex
	next int
}

func newServiceSimulator(client kubernetes.Interface, factory informers.SharedInformerFactory) (*serviceSimulator, error) {
	s := &serviceSimulator{
		client:   client,
		services: factory.Core().V1().Services().Lister(),
		queue:    workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	enqueue := func(obj any) {
		if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
			s.queue.Add(key)
		}
	}
	_, err := factory.Core().V1().Services().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
	})
	return s, err
}

func (s *serviceSimulator) run(ctx context.Context) {
	processQueue(ctx, s.queue, 1, "service ", s.sync)
}

func (s *serviceSimulator) sync(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil
	}
	svc, err := s.services.Services(namespace).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if svc.Spec.Type != corev1.ServiceTypeLoadBalancer || len(svc.Status.LoadBalancer.Ingress) > 0 {
		return nil
	}
	s.mu.Lock()
	s.next++
	ip := fmt.Sprintf("198.51.100.%d", s.next%254+1)
	s.mu.Unlock()
	updated := svc.DeepCopy()
	updated.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: ip}}
	_, err = s.client.CoreV1().Services(namespace).UpdateStatus(ctx, updated, metav1.UpdateOptions{})
	return err
}
