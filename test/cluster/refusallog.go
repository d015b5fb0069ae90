package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// refusalLog is RUN_DIR/logs/egress-refused.log: one line per connection the
// egress proxies refused, "<RFC 3339 time> <egress> <host:port>", so a test
// can prove that an attempt was made and went nowhere.
type refusalLog struct {
	mu   sync.Mutex
	file *os.File
}

func openRefusalLog(path string) (*refusalLog, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &refusalLog{file: f}, nil
}

func (l *refusalLog) refused(egress, target string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	// Written unbuffered: a test reads the file while the cluster runs.
	fmt.Fprintf(l.file, "%s %s %s\n", time.Now().UTC().Format(time.RFC3339Nano), egress, target)
}

func (l *refusalLog) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.file.Close()
}
