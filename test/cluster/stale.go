package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

const (
	tmpDirPattern = "lading-testcluster-*"
	ownerFile     = "owner.pid"
)

// claimTmpDir records the launcher's pid in its temporary directory.
func claimTmpDir(dir string) error {
	return os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

// removeStaleTmpDirs removes the temporary directories of launchers that were
// killed before they could clean up (their owner process is gone).
func removeStaleTmpDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), tmpDirPattern))
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue // being created, or not ours to judge
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || processAlive(pid) {
			continue
		}
		if err := os.RemoveAll(dir); err == nil {
			logf("up: removed %s, left by a launcher that was killed", dir)
		}
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
