#!/usr/bin/env bash
# Stops the control plane started by test/cluster/up.sh: SIGTERM to the
# launcher, which stops every component and removes its temporary directory;
# SIGKILL after 30 seconds (the components then die with it). Keeps the logs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run_dir="${LADING_CLUSTER_RUN_DIR:-$here/.run}"
pid_file="$run_dir/up.pid"

pid="$(cat "$pid_file" 2>/dev/null || true)"
if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
  echo "testcluster: stopping pid $pid" >&2
  kill -TERM "$pid"
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "testcluster: pid $pid still running after 30s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  echo "testcluster: stopped" >&2
else
  echo "testcluster: not running" >&2
fi
rm -f "$pid_file" "$run_dir/options" "$run_dir/ready" "$run_dir/kubeconfig" "$run_dir/kubectl"
