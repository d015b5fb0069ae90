#!/usr/bin/env bash
# Starts lading's test control plane in the background, building it first when
# needed, and waits until it can run pods: kube-apiserver answers /readyz, the
# simulated nodes are Ready and the default ServiceAccount exists.
#
# stdout, meant for eval "$(bash test/cluster/up.sh)":
#   export LADING_TEST_KUBECTL=<run dir>/kubectl   kubectl of the cluster's version
#   export KUBECONFIG=<run dir>/kubeconfig         always the last line
# Progress goes to stderr. Running it again while the cluster is up only
# prints the lines. Stop it with test/cluster/down.sh.
#
# Environment:
#   LADING_CLUSTER_RUN_DIR  where the kubeconfig, kubectl link and logs go (default test/cluster/.run)
#   LADING_CLUSTER_NODES    number of simulated nodes (default 3)
#   LADING_CLUSTER_TIMEOUT  seconds to wait for readiness once built (default 180)
#   LADING_CLUSTER_WEBHOOKS on: admission webhooks enabled (default off; for a test that
#                           serves its webhook on 127.0.0.1, see README.md)
#   LADING_CLUSTER_CONTROLLERS kube-controller-manager's --controllers (default *; the
#                           benchmark's quiet mode: *,-horizontalpodautoscaling)
#   LADING_CACHE            cache root of the built binary (default ~/.cache/lading)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run_dir="${LADING_CLUSTER_RUN_DIR:-$here/.run}"
mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"
pid_file="$run_dir/up.pid"
options_file="$run_dir/options"
ready_file="$run_dir/ready"
timeout="${LADING_CLUSTER_TIMEOUT:-180}"

webhook_flag=()
case "${LADING_CLUSTER_WEBHOOKS:-off}" in
  on) webhook_flag=(--webhooks) ;;
  off) ;;
  *) echo "testcluster: LADING_CLUSTER_WEBHOOKS must be on or off, not '${LADING_CLUSTER_WEBHOOKS}'" >&2; exit 2 ;;
esac
# A running cluster is reused only if it was started with the same webhook mode and controllers
# (a cluster of an older up.sh, which had no such file, is started again).
controllers="${LADING_CLUSTER_CONTROLLERS:-*}"
options="webhooks=${LADING_CLUSTER_WEBHOOKS:-off} controllers=${controllers}"

print_exports() {
  echo "export LADING_TEST_KUBECTL=$run_dir/kubectl"
  echo "export KUBECONFIG=$run_dir/kubeconfig"
}

running_pid() {
  local pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  fi
}

# One starter at a time; a second caller waits and then finds it running.
exec 9>"$run_dir/.lock"
flock -w 300 9 || { echo "testcluster: another up.sh has held $run_dir/.lock for 300s" >&2; exit 1; }

pid="$(running_pid)"
if [[ -n "$pid" && -f "$ready_file" && "$(cat "$options_file" 2>/dev/null)" != "$options" ]]; then
  echo "testcluster: pid $pid was started with other options (want $options); stopping it first" >&2
  bash "$here/down.sh" >&2
  pid=""
fi
if [[ -n "$pid" && -f "$ready_file" ]]; then
  echo "testcluster: already running (pid $pid)" >&2
  print_exports
  exit 0
fi
if [[ -n "$pid" ]]; then
  echo "testcluster: pid $pid is not ready; stopping it first" >&2
  bash "$here/down.sh" >&2
fi

binary="$(bash "$here/build.sh" | tail -n 1)"

rm -rf "$run_dir/logs" "$ready_file"
started=$SECONDS
# setsid: the cluster outlives this script and the npm or test process that ran it.
setsid "$binary" up --run-dir "$run_dir" --nodes "${LADING_CLUSTER_NODES:-3}" "${webhook_flag[@]}" --controllers "$controllers" \
  >"$run_dir/up.log" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$pid_file"
echo "$options" >"$options_file"

while [[ ! -f "$ready_file" ]]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "testcluster: failed to start; $run_dir/up.log says:" >&2
    tail -n 20 "$run_dir/up.log" >&2
    rm -f "$pid_file"
    exit 1
  fi
  if ((SECONDS - started > timeout)); then
    echo "testcluster: not ready after ${timeout}s; stopping it. Logs: $run_dir/logs" >&2
    tail -n 20 "$run_dir/up.log" >&2
    bash "$here/down.sh" >&2
    exit 1
  fi
  sleep 0.2
done
echo "testcluster: ready in $((SECONDS - started))s (pid $pid); logs in $run_dir/logs" >&2
print_exports
