package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The failure conventions of the simulated kubelet, keyed on image names.
const (
	// An image containing one of these never pulls: the pod stays Pending
	// with its container waiting in ImagePullBackOff.
	badImageMarker      = "bad-image"
	badRegistryMarker   = "invalid.example"
	crashLoopMarker     = "crashloop" // the container keeps crashing: CrashLoopBackOff
	failJobMarker       = "fail-job"  // a run-to-completion pod ends Failed instead of Succeeded
	runToCompletionTime = time.Second // how long a Job's pod runs before it ends
)

// containerOutcome is what the simulated kubelet does with one container.
type containerOutcome int

const (
	outcomeRuns containerOutcome = iota
	outcomeImagePullFails
	outcomeCrashLoops
)

func outcomeOf(image string) containerOutcome {
	switch {
	case strings.Contains(image, badImageMarker), strings.Contains(image, badRegistryMarker):
		return outcomeImagePullFails
	case strings.Contains(image, crashLoopMarker):
		return outcomeCrashLoops
	default:
		return outcomeRuns
	}
}

// podPlan is the status the simulated kubelet wants a pod to have now.
type podPlan struct {
	status  *corev1.PodStatus
	stage   string        // a short name of the status, to skip writing the same one twice
	recheck time.Duration // when to look again (a run-to-completion pod ends), or 0
	events  []simEvent
}

// simEvent is a kubelet-style Event about a pod.
type simEvent struct {
	kind, reason, message string
}

// planPodStatus computes the status of a pod bound to node, at time now.
func planPodStatus(pod *corev1.Pod, node *simNode, podIP string, now time.Time) podPlan {
	status := pod.Status.DeepCopy()
	started := metav1.NewTime(now)
	if status.StartTime != nil {
		started = *status.StartTime
	}
	status.StartTime = &started
	status.HostIP = node.ip
	status.HostIPs = []corev1.HostIP{{IP: node.ip}}
	if status.PodIP == "" {
		status.PodIP = podIP
		status.PodIPs = []corev1.PodIP{{IP: podIP}}
	}

	var plan podPlan
	initOK := true
	status.InitContainerStatuses = nil
	for _, c := range pod.Spec.InitContainers {
		cs := containerStatus(pod, c, started)
		if !initOK {
			cs.State = waiting("PodInitializing", "")
		} else if outcomeOf(c.Image) == outcomeImagePullFails {
			initOK = false
			cs.State = waiting("ImagePullBackOff", fmt.Sprintf("Back-off pulling image %q", c.Image))
			plan.events = append(plan.events, imagePullEvents(c.Image)...)
		} else {
			cs.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				ExitCode: 0, Reason: "Completed", StartedAt: started, FinishedAt: started, ContainerID: cs.ContainerID,
			}}
		}
		status.InitContainerStatuses = append(status.InitContainerStatuses, cs)
	}

	runsToCompletion := pod.Spec.RestartPolicy != corev1.RestartPolicyAlways
	elapsed := now.Sub(started.Time)
	finished := runsToCompletion && elapsed >= runToCompletionTime
	failedJob := false
	pulling, crashing := false, false
	allReady := true
	status.ContainerStatuses = nil
	for _, c := range pod.Spec.Containers {
		cs := containerStatus(pod, c, started)
		switch {
		case !initOK:
			cs.State = waiting("PodInitializing", "")
		case outcomeOf(c.Image) == outcomeImagePullFails:
			pulling = true
			cs.State = waiting("ImagePullBackOff", fmt.Sprintf("Back-off pulling image %q", c.Image))
			plan.events = append(plan.events, imagePullEvents(c.Image)...)
		case outcomeOf(c.Image) == outcomeCrashLoops:
			crashing = true
			cs.RestartCount = 3
			cs.State = waiting("CrashLoopBackOff", fmt.Sprintf("back-off 40s restarting failed container=%s pod=%s", c.Name, pod.Name))
			cs.LastTerminationState = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				ExitCode: 1, Reason: "Error", StartedAt: started, FinishedAt: started, ContainerID: cs.ContainerID,
			}}
			cs.Started = ptrBool(false)
			plan.events = append(plan.events, simEvent{corev1.EventTypeWarning, "BackOff",
				fmt.Sprintf("Back-off restarting failed container %s in pod %s", c.Name, pod.Name)})
		case finished:
			exitCode, reason := int32(0), "Completed"
			if strings.Contains(c.Image, failJobMarker) {
				exitCode, reason = 1, "Error"
				failedJob = true
			}
			cs.State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				ExitCode: exitCode, Reason: reason, StartedAt: started,
				FinishedAt: metav1.NewTime(started.Add(runToCompletionTime)), ContainerID: cs.ContainerID,
			}}
			cs.Started = ptrBool(false)
		default:
			cs.Ready = true
			cs.Started = ptrBool(true)
			cs.State = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: started}}
		}
		allReady = allReady && cs.Ready
		status.ContainerStatuses = append(status.ContainerStatuses, cs)
	}

	switch {
	case !initOK || pulling:
		status.Phase = corev1.PodPending
		plan.stage = "pending"
	case finished && failedJob:
		status.Phase = corev1.PodFailed
		plan.stage = "failed"
	case finished:
		status.Phase = corev1.PodSucceeded
		plan.stage = "succeeded"
	default:
		status.Phase = corev1.PodRunning
		plan.stage = "running"
		if crashing {
			plan.stage = "crashloop"
		}
		if runsToCompletion {
			plan.recheck = runToCompletionTime - elapsed
		}
	}

	transition := metav1.NewTime(now)
	ready := allReady && status.Phase == corev1.PodRunning
	setCondition(status, corev1.PodReadyToStartContainers, true, transition, "")
	setCondition(status, corev1.PodInitialized, initOK, transition, "ContainersNotInitialized")
	setCondition(status, corev1.ContainersReady, ready, transition, notReadyReason(status.Phase))
	setCondition(status, corev1.PodReady, ready, transition, notReadyReason(status.Phase))
	plan.status = status
	return plan
}

func containerStatus(pod *corev1.Pod, c corev1.Container, started metav1.Time) corev1.ContainerStatus {
	id := sha256.Sum256([]byte(string(pod.UID) + "/" + c.Name))
	image := c.Image
	if !strings.Contains(image, ":") && !strings.Contains(image, "@") {
		image += ":latest"
	}
	return corev1.ContainerStatus{
		Name:        c.Name,
		Image:       image,
		ImageID:     "sim://" + image,
		ContainerID: "sim://" + hex.EncodeToString(id[:]),
	}
}

func waiting(reason, message string) corev1.ContainerState {
	return corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason, Message: message}}
}

func imagePullEvents(image string) []simEvent {
	return []simEvent{
		{corev1.EventTypeWarning, "Failed", fmt.Sprintf("Failed to pull image %q: simulated pull failure (the image name contains %q or %q)", image, badImageMarker, badRegistryMarker)},
		{corev1.EventTypeWarning, "BackOff", fmt.Sprintf("Back-off pulling image %q", image)},
	}
}

func notReadyReason(phase corev1.PodPhase) string {
	if phase == corev1.PodSucceeded || phase == corev1.PodFailed {
		return "PodCompleted"
	}
	return "ContainersNotReady"
}

// setCondition sets a pod condition, keeping its transition time if its
// status does not change.
func setCondition(status *corev1.PodStatus, kind corev1.PodConditionType, ok bool, now metav1.Time, falseReason string) {
	value, reason := corev1.ConditionTrue, ""
	if !ok {
		value, reason = corev1.ConditionFalse, falseReason
	}
	for i := range status.Conditions {
		c := &status.Conditions[i]
		if c.Type == kind {
			if c.Status != value {
				c.Status, c.LastTransitionTime = value, now
			}
			c.Reason = reason
			return
		}
	}
	status.Conditions = append(status.Conditions, corev1.PodCondition{Type: kind, Status: value, Reason: reason, LastTransitionTime: now})
}

func ptrBool(b bool) *bool { return &b }
