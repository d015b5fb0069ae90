package main

import (
	"encoding/json"
	"os"
	"path/filepath"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	egressv1beta1 "k8s.io/apiserver/pkg/apis/apiserver/v1beta1"
)

// egress holds the two refusing proxies of one cluster and the
// --egress-selector-config-file that sends kube-apiserver's traffic to them.
//
// What each egress selection carries, read from the v1.36 sources:
//   - cluster: webhooks and CRD conversion webhooks given by a Service
//     (k8s.io/apiserver/pkg/util/webhook/authentication.go), aggregated
//     APIServices and their availability checks (kube-aggregator apiserver.go),
//     the pods/services proxy subresources and every kubelet connection: logs,
//     exec, attach, port-forward, nodes/proxy (cmd/kube-apiserver/app/server.go).
//     Every target is a cluster IP or node address that exists only as API data:
//     all are refused.
//   - controlplane: webhooks and CRD conversion webhooks given by a URL, and the
//     authentication, authorization, audit and tracing webhooks and the peer
//     proxy (none configured here). Only literal loopback targets pass, so a
//     test can serve a webhook on 127.0.0.1; anything else is refused.
//   - etcd: stays direct; the launcher itself points it at its 127.0.0.1 etcd.
type egress struct {
	configFile string
	proxies    []*egressProxy
	log        *refusalLog
}

func startEgress(tmpDir, logDir string) (*egress, error) {
	log, err := openRefusalLog(filepath.Join(logDir, "egress-refused.log"))
	if err != nil {
		return nil, err
	}
	e := &egress{configFile: filepath.Join(tmpDir, "egress-selector.json"), log: log}
	clusterSocket := filepath.Join(tmpDir, "egress-cluster.sock")
	controlPlaneSocket := filepath.Join(tmpDir, "egress-controlplane.sock")
	for _, p := range []struct {
		name, socket string
		admit        func(string) bool
	}{
		{"cluster", clusterSocket, refuseAll},
		{"controlplane", controlPlaneSocket, admitLiteralLoopback},
	} {
		proxy, err := startEgressProxy(p.name, p.socket, p.admit, log)
		if err != nil {
			e.stop()
			return nil, err
		}
		e.proxies = append(e.proxies, proxy)
	}
	if err := writeEgressSelectorConfig(e.configFile, clusterSocket, controlPlaneSocket); err != nil {
		e.stop()
		return nil, err
	}
	return e, nil
}

func (e *egress) stop() {
	for _, p := range e.proxies {
		p.close()
	}
	e.log.close()
}

// writeEgressSelectorConfig writes the configuration as JSON, which
// kube-apiserver's YAML decoder reads as well.
func writeEgressSelectorConfig(path, clusterSocket, controlPlaneSocket string) error {
	viaProxy := func(socket string) egressv1beta1.Connection {
		return egressv1beta1.Connection{
			ProxyProtocol: egressv1beta1.ProtocolHTTPConnect,
			Transport:     &egressv1beta1.Transport{UDS: &egressv1beta1.UDSTransport{UDSName: socket}},
		}
	}
	config := egressv1beta1.EgressSelectorConfiguration{
		TypeMeta: metav1.TypeMeta{APIVersion: egressv1beta1.SchemeGroupVersion.String(), Kind: "EgressSelectorConfiguration"},
		EgressSelections: []egressv1beta1.EgressSelection{
			{Name: "cluster", Connection: viaProxy(clusterSocket)},
			{Name: "controlplane", Connection: viaProxy(controlPlaneSocket)},
			{Name: "etcd", Connection: egressv1beta1.Connection{ProxyProtocol: egressv1beta1.ProtocolDirect}},
		},
	}
	data, err := json.MarshalIndent(config, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
