package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// tokenUser is one line of kube-apiserver's --token-auth-file.
type tokenUser struct {
	Name   string
	Token  string
	Groups []string
}

func newTokenUser(name string, groups ...string) tokenUser {
	return tokenUser{Name: name, Token: randomToken(), Groups: groups}
}

func randomToken() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// writeTokenFile writes the static token file: token,user,uid,"group1,group2".
func writeTokenFile(path string, users []tokenUser) error {
	var b strings.Builder
	for _, u := range users {
		fmt.Fprintf(&b, "%s,%s,%s,\"%s\"\n", u.Token, u.Name, u.Name, strings.Join(u.Groups, ","))
	}
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

// writeKubeconfig writes a kubeconfig with one cluster and one context per
// user, named after the user; the first user's context is the current one.
func writeKubeconfig(path, server string, caPEM []byte, users ...tokenUser) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["testcluster"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: caPEM}
	for _, u := range users {
		cfg.AuthInfos[u.Name] = &clientcmdapi.AuthInfo{Token: u.Token}
		cfg.Contexts[u.Name] = &clientcmdapi.Context{Cluster: "testcluster", AuthInfo: u.Name, Namespace: "default"}
	}
	cfg.CurrentContext = users[0].Name
	return clientcmd.WriteToFile(*cfg, path)
}
