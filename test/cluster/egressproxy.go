package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// egressProxy is the HTTP CONNECT proxy kube-apiserver's egress selector
// sends its outgoing connections to (see egressconfig.go). It listens on a
// unix socket, so it has no address anyone else could reach, and it never
// resolves a name: a target is either a literal loopback address that the
// policy admits, or refused with 403 and a line in the refusal log.
type egressProxy struct {
	name     string // the egress selection it serves: "cluster" or "controlplane"
	listener net.Listener
	admit    func(target string) bool
	log      *refusalLog
}

// refusedStatus is the status line kube-apiserver quotes in the error it
// returns to the client ("proxy error from ... code 403: <status>"), so it
// says who refused and where to look.
const refusedStatus = "403 Forbidden: the lading test cluster refuses egress (see logs/egress-refused.log)"

// startEgressProxy listens on socketPath and serves CONNECT requests until
// the listener is closed.
func startEgressProxy(name, socketPath string, admit func(string) bool, log *refusalLog) (*egressProxy, error) {
	if len(socketPath) >= 108 { // sun_path of Linux; a longer name fails later, less clearly
		return nil, fmt.Errorf("egress proxy socket path is too long for a unix socket (%d bytes, at most 107): %s; set a shorter TMPDIR", len(socketPath), socketPath)
	}
	os.Remove(socketPath)
	l, err := net.Listen("unix", socketPath)
	if err != nil {
		return nil, fmt.Errorf("egress proxy %s: %w", name, err)
	}
	p := &egressProxy{name: name, listener: l, admit: admit, log: log}
	go p.serve()
	return p, nil
}

func (p *egressProxy) serve() {
	for {
		conn, err := p.listener.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				logf("up: egress proxy %s: %v", p.name, err)
			}
			return
		}
		go p.handle(conn)
	}
}

// handle answers one CONNECT: kube-apiserver opens one connection per dial.
func (p *egressProxy) handle(conn net.Conn) {
	conn.SetReadDeadline(time.Now().Add(10 * time.Second)) //nolint:errcheck
	req, err := http.ReadRequest(bufio.NewReader(conn))
	if err != nil {
		conn.Close()
		return
	}
	conn.SetReadDeadline(time.Time{}) //nolint:errcheck
	if req.Method != http.MethodConnect {
		fmt.Fprint(conn, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		conn.Close()
		return
	}
	target := req.URL.Host // the authority form "host:port" of the CONNECT line
	if !p.admit(target) {
		p.log.refused(p.name, target)
		fmt.Fprintf(conn, "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", refusedStatus)
		conn.Close()
		return
	}
	p.tunnel(conn, target)
}

// tunnel splices conn to a loopback target the policy admitted. The client
// speaks first (TLS), so nothing is buffered beyond the CONNECT request.
func (p *egressProxy) tunnel(conn net.Conn, target string) {
	upstream, err := net.DialTimeout("tcp", target, 10*time.Second)
	if err != nil {
		fmt.Fprintf(conn, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		conn.Close()
		return
	}
	fmt.Fprint(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); io.Copy(upstream, conn); closeWrite(upstream) }() //nolint:errcheck
	go func() { defer wg.Done(); io.Copy(conn, upstream); closeWrite(conn) }()     //nolint:errcheck
	wg.Wait()
	upstream.Close()
	conn.Close()
}

func closeWrite(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite() //nolint:errcheck
	}
}

func (p *egressProxy) close() {
	p.listener.Close()
}

// refuseAll is the policy of the cluster egress: every target is a Service's
// cluster IP, a node's address or an endpoint, none of which exists here.
func refuseAll(string) bool { return false }

// admitLiteralLoopback is the policy of the controlplane egress, which
// carries webhooks given by URL: a test may serve one on 127.0.0.1. Names are
// refused rather than resolved, so no DNS query ever leaves the machine.
func admitLiteralLoopback(target string) bool {
	host, _, err := net.SplitHostPort(target)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
