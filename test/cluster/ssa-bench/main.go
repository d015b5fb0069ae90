// ssa-bench measures the API server's own server-side-apply throughput: it sends one
// server-side apply PATCH per object, `-concurrency` at a time over keep-alive HTTP/2, with no
// client-side rate limit, no discovery, no reads and no retries. `npm run bench -- apply` reports
// its time beside lading's first apply (the physical floor of an apply on the same machine).
// With -list it GETs each path instead (a collection: one LIST) and decodes the JSON answer, all
// at once: the floor of a no-op diff, which `npm run bench -- diff` reports beside lading's.
//
// Input (stdin): one JSON line per object, {"path": "/api/v1/namespaces/ns/secrets/x", "body": {...}}
// (with -list: {"path": "/api/v1/namespaces/ns/secrets"}).
// Output (stdout): one JSON line, {"ms": …, "requests": …, "failed": …, "items": …, "firstError": "…"}.
package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

type item struct {
	Path string          `json:"path"`
	Body json.RawMessage `json:"body"`
}

func main() {
	server := flag.String("server", "", "API server URL, e.g. https://127.0.0.1:6443")
	caFile := flag.String("ca-file", "", "PEM file of the server's CA")
	token := flag.String("token", "", "bearer token")
	concurrency := flag.Int("concurrency", 64, "requests in flight at once")
	manager := flag.String("field-manager", "ssa-bench", "field manager")
	dryRun := flag.Bool("dry-run", false, "send each apply with dryRun=All (what a dry-run pass costs the server)")
	list := flag.Bool("list", false, "GET each path (a LIST) and decode its items instead of applying")
	flag.Parse()

	pool := x509.NewCertPool()
	if pem, err := os.ReadFile(*caFile); err != nil || !pool.AppendCertsFromPEM(pem) {
		fail("cannot read the CA file %q: %v", *caFile, err)
	}
	transport := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool},
		ForceAttemptHTTP2:   true,
		MaxIdleConnsPerHost: *concurrency,
	}
	client := &http.Client{Transport: transport, Timeout: 60 * time.Second}

	var items []item
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		var it item
		if err := json.Unmarshal(scanner.Bytes(), &it); err != nil {
			fail("input line %d: %v", len(items)+1, err)
		}
		items = append(items, it)
	}

	var requests, failed, listed atomic.Int64
	var firstError atomic.Value
	work := make(chan item)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				var req *http.Request
				if *list {
					req, _ = http.NewRequest(http.MethodGet, *server+it.Path, nil)
				} else {
					url := fmt.Sprintf("%s%s?fieldManager=%s&force=true", *server, it.Path, *manager)
					if *dryRun {
						url += "&dryRun=All"
					}
					req, _ = http.NewRequest(http.MethodPatch, url, bytes.NewReader(it.Body))
					req.Header.Set("Content-Type", "application/apply-patch+yaml")
				}
				req.Header.Set("Authorization", "Bearer "+*token)
				requests.Add(1)
				res, err := client.Do(req)
				if err == nil {
					body, _ := io.ReadAll(res.Body)
					res.Body.Close()
					if res.StatusCode >= 300 {
						err = fmt.Errorf("%s: %d %s", it.Path, res.StatusCode, bytes.TrimSpace(body))
					} else if *list {
						// Decoded as any client must before it can compare: into plain maps.
						var decoded struct {
							Items []map[string]any `json:"items"`
						}
						if err = json.Unmarshal(body, &decoded); err == nil {
							listed.Add(int64(len(decoded.Items)))
						}
					}
				}
				if err != nil {
					failed.Add(1)
					firstError.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	for _, it := range items {
		work <- it
	}
	close(work)
	wg.Wait()
	ms := float64(time.Since(start).Microseconds()) / 1000
	out := map[string]any{"ms": ms, "requests": requests.Load(), "failed": failed.Load(), "items": listed.Load()}
	if e := firstError.Load(); e != nil {
		out["firstError"] = e
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ssa-bench: "+format+"\n", args...)
	os.Exit(2)
}
