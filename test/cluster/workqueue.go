package main

import (
	"context"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/util/workqueue"
)

// processQueue hands the queue's keys to handle on `workers` goroutines until ctx ends. A key whose
// handling fails is retried with the queue's backoff; conflicts (a newer version exists) are retried
// without a log line.
func processQueue(ctx context.Context, queue workqueue.TypedRateLimitingInterface[string], workers int, what string, handle func(context.Context, string) error) {
	go func() {
		<-ctx.Done()
		queue.ShutDown()
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for processNext(ctx, queue, what, handle) {
			}
		}()
	}
	wg.Wait()
}

func processNext(ctx context.Context, queue workqueue.TypedRateLimitingInterface[string], what string, handle func(context.Context, string) error) bool {
	key, quit := queue.Get()
	if quit {
		return false
	}
	defer queue.Done(key)
	if err := handle(ctx, key); err != nil {
		if ctx.Err() == nil && !apierrors.IsConflict(err) {
			logf("nodesim: %s%s: %v", what, key, err)
		}
		queue.AddRateLimited(key)
		return true
	}
	queue.Forget(key)
	return true
}
