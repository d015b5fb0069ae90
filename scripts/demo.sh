#!/usr/bin/env bash
# npm run demo: the whole loop on a local control plane.
#   start the cluster → synth apps/ → diff → apply (waves, wait, prune) → change one image tag
#   → diff → apply (rollout) → history
# Works in a terminal (live progress) and in CI (no TTY: plain lines, nothing asked).
# Leaves the cluster running; `npm run cluster:down` stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m'; dim=$'\033[2m'; reset=$'\033[0m'; else bold=''; dim=''; reset=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$reset"; }
show() { printf '%s$ %s%s\n' "$dim" "$*" "$reset"; }
lading() { show "lading $*"; node bin/lading.js "$@"; }
# diff exits 1 when there are changes: that is not a failure here.
lading_diff() { show "lading diff $*"; node bin/lading.js diff "$@" || [ $? -eq 1 ]; }

ENV_NAME="${DEMO_ENV:-dev}"
# The shop reads these when its Secrets get their values (lading.dev/secret-sources); demo values only.
export SHOP_DATABASE_URL="${SHOP_DATABASE_URL:-postgres://shop@db.shop:5432/shop}"
export SHOP_DB_PASSWORD="${SHOP_DB_PASSWORD:-demo-password-not-secret}"
export SHOP_STRIPE_API_KEY="${SHOP_STRIPE_API_KEY:-sk_demo_not_secret}"

step "1. Start the local control plane (kube-apiserver, etcd, controllers, simulated nodes)"
show "bash test/cluster/up.sh"
eval "$(bash test/cluster/up.sh)"
echo "KUBECONFIG=$KUBECONFIG"

step "2. Synthesize apps/ into dist/ (validated, deterministic YAML)"
lading synth

step "3. What would change in the cluster? (exit code 1 = changes)"
# The cluster has no storage provisioner: give Redis a volume (applied by lading too).
node bin/lading.js apply -f scripts/demo/storage.yaml --name demo-storage --yes >/dev/null
lading_diff --env "$ENV_NAME"

step "4. Apply: plan, waves in order, prune, wait until healthy"
lading apply --env "$ENV_NAME" --yes --wait --prune --timeout 3m

step "5. Change one thing: the web image tag (as a GitOps commit of dist/ would)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "dist/$ENV_NAME/shop" "$work/shop"
current="$(grep -ho 'ghcr.io/acme/shop-web:[0-9.]*' "$work"/shop/*.yaml | head -n 1)"
next="${current%.*}.$(( ${current##*.} + 1 ))"
show "sed -i 's#$current#$next#' <copy of dist/$ENV_NAME/shop>"
sed -i "s#$current#$next#g" "$work"/shop/*.yaml
lading_diff -f "$work/shop" --name shop --env "$ENV_NAME"

step "6. Roll it out"
lading apply -f "$work/shop" --name shop --env "$ENV_NAME" --yes --wait --prune --timeout 3m

step "7. History: every apply is a revision in the cluster (lading rollback goes back)"
lading history --name shop --env "$ENV_NAME"

step "Done"
cat <<MSG
The cluster is still running. Try:
  export KUBECONFIG=$KUBECONFIG
  node bin/lading.js rollback --name shop --env $ENV_NAME --wait     # back to the previous image
  node bin/lading.js diff --env $ENV_NAME                            # apps/ vs the cluster
Stop it with: ${LADING_CLUSTER_RUN_DIR:+LADING_CLUSTER_RUN_DIR=$LADING_CLUSTER_RUN_DIR }npm run cluster:down
MSG
