#!/usr/bin/env bash
# The whole test suite: type check, lint, unit tests, and integration tests against a real control
# plane (built from the Go modules in test/cluster/, started once for the run, stopped after).
# LADING_SKIP_INTEGRATION=1 runs only the type check, the lint and the unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== type check"
npx --no-install tsc --noEmit -p .

echo "== lint"
npx --no-install eslint .

echo "== format"
npx --no-install prettier --check . --log-level warn

files=$(find test/unit -name '*.test.ts' | sort)
if [ "${LADING_SKIP_INTEGRATION:-}" != "1" ] && [ -d test/integration ]; then
  echo "== test cluster"
  kubeconfig_line=$(bash test/cluster/up.sh | tail -n 1)
  trap 'bash test/cluster/down.sh >/dev/null 2>&1 || true' EXIT
  export LADING_TEST_KUBECONFIG="${kubeconfig_line#export KUBECONFIG=}"
  files="$files $(find test/integration -name '*.test.ts' | sort)"
fi

echo "== tests"
# Node 20's test runner takes no globs: the files are listed.
# shellcheck disable=SC2086
# lading-source: the repo's own apps, examples and tests import 'lading' as its sources (package.json exports).
# --test-timeout: a file that hangs fails after 40 minutes (in Node 20 it bounds each file; the differential suite takes 16-22) instead of using up the CI job.
node --conditions=lading-source --import tsx --test --test-concurrency=2 --test-timeout=2400000 $files
