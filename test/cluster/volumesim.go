package main

import (
	"context"
	"strings"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/component-helpers/storage/volume"
	"k8s.io/utils/ptr"
)

const (
	simProvisioner      = "lading.dev/simulated"
	defaultStorageClass = "standard"
)

// volumeSimulator plays a dynamic volume provisioner for the default
// StorageClass "standard": each claim gets a PersistentVolume (a hostPath
// that no one ever mounts), which the real PV controller then binds; released
// volumes are deleted.
type volumeSimulator struct {
	client kubernetes.Interface
	claims corelisters.PersistentVolumeClaimLister
	pvs    corelisters.PersistentVolumeLister
	queue  workqueue.TypedRateLimitingInterface[string] // "claim/NS/NAME" or "volume/NAME"
}

func newVolumeSimulator(client kubernetes.Interface, factory informers.SharedInformerFactory) (*volumeSimulator, error) {
	s := &volumeSimulator{
		client: client,
		claims: factory.Core().V1().PersistentVolumeClaims().Lister(),
		pvs:    factory.Core().V1().PersistentVolumes().Lister(),
		queue:  workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	handler := func(prefix string) cache.ResourceEventHandlerFuncs {
		enqueue := func(obj any) {
			if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
				s.queue.Add(prefix + key)
			}
		}
		return cache.ResourceEventHandlerFuncs{AddFunc: enqueue, UpdateFunc: func(_, obj any) { enqueue(obj) }}
	}
	if _, err := factory.Core().V1().PersistentVolumeClaims().Informer().AddEventHandler(handler("claim/")); err != nil {
		return nil, err
	}
	if _, err := factory.Core().V1().PersistentVolumes().Informer().AddEventHandler(handler("volume/")); err != nil {
		return nil, err
	}
	return s, nil
}

// ensureStorageClass creates the default StorageClass if it is missing.
func (s *volumeSimulator) ensureStorageClass(ctx context.Context) error {
	class := &storagev1.StorageClass{
		ObjectMeta: metav1.ObjectMeta{
			Name:        defaultStorageClass,
			Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"},
		},
		Provisioner:          simProvisioner,
		ReclaimPolicy:        ptr.To(corev1.PersistentVolumeReclaimDelete),
		VolumeBindingMode:    ptr.To(storagev1.VolumeBindingImmediate),
		AllowVolumeExpansion: ptr.To(true),
	}
	_, err := s.client.StorageV1().StorageClasses().Create(ctx, class, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

func (s *volumeSimulator) run(ctx context.Context) {
	processQueue(ctx, s.queue, 1, "", s.sync)
}

// sync dispatches a queue key: "claim/NS/NAME" or "volume/NAME".
func (s *volumeSimulator) sync(ctx context.Context, key string) error {
	if rest, ok := strings.CutPrefix(key, "claim/"); ok {
		return s.syncClaim(ctx, rest)
	}
	if rest, ok := strings.CutPrefix(key, "volume/"); ok {
		return s.syncVolume(ctx, rest)
	}
	return nil
}

func (s *volumeSimulator) syncClaim(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil
	}
	claim, err := s.claims.PersistentVolumeClaims(namespace).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if claim.Spec.VolumeName != "" || claim.DeletionTimestamp != nil ||
		claim.Annotations[volume.AnnStorageProvisioner] != simProvisioner {
		return nil
	}
	size := claim.Spec.Resources.Requests[corev1.ResourceStorage]
	if size.IsZero() {
		size = resource.MustParse("1Gi")
	}
	pvName := "pvc-" + string(claim.UID)
	pv := &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        pvName,
			Annotations: map[string]string{volume.AnnDynamicallyProvisioned: simProvisioner},
		},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: size},
			AccessModes:                   claim.Spec.AccessModes,
			VolumeMode:                    claim.Spec.VolumeMode,
			StorageClassName:              ptr.Deref(claim.Spec.StorageClassName, ""),
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimDelete,
			ClaimRef: &corev1.ObjectReference{
				Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: claim.Namespace, Name: claim.Name, UID: claim.UID,
			},
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				HostPath: &corev1.HostPathVolumeSource{Path: "/var/lib/lading-simulated/" + pvName},
			},
		},
	}
	_, err = s.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

func (s *volumeSimulator) syncVolume(ctx context.Context, name string) error {
	pv, err := s.pvs.Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if pv.Status.Phase != corev1.VolumeReleased || pv.DeletionTimestamp != nil ||
		pv.Annotations[volume.AnnDynamicallyProvisioned] != simProvisioner ||
		pv.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimDelete {
		return nil
	}
	err = s.client.CoreV1().PersistentVolumes().Delete(ctx, name, metav1.DeleteOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}
