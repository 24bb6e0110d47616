#!/usr/bin/env bash
# Creates the Secrets that LiveLoop's manifests reference but do not generate (k8s/external-secrets.yaml),
# in the namespace of the suite, before an overlay is applied. Never overwrites an existing Secret
# (replacing the JWT key pair invalidates every token; replacing a database password locks a running
# service out): delete one first to replace it.
#
#   k8s/scripts/create-secrets.sh --jwt-only          dev: the JWT key pair only (dev generates the rest)
#   k8s/scripts/create-secrets.sh                     prod: the JWT key pair, the database passwords and
#                                                     the sandbox payment provider's webhook secret
#   k8s/scripts/create-secrets.sh --jwt-dir DIR       use DIR/publicKey.pem and DIR/privateKey.pem
#                                                     instead of generating a new pair
#   -n, --namespace NS                                another namespace than liveloop
#
# Needs kubectl (pointed at the cluster) and openssl. The Ingress certificate of prod (liveloop-tls) is
# yours to provide: kubectl -n liveloop create secret tls liveloop-tls --cert=... --key=...
set -euo pipefail

NAMESPACE=liveloop
JWT_ONLY=0
JWT_DIR=""

while (($#)); do
  case "$1" in
    -n|--namespace) NAMESPACE="$2"; shift 2 ;;
    --jwt-only) JWT_ONLY=1; shift ;;
    --jwt-dir) JWT_DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in kubectl openssl; do
  command -v "$tool" > /dev/null || { echo "$tool is needed" >&2; exit 1; }
done

exists() { kubectl -n "$NAMESPACE" get secret "$1" > /dev/null 2>&1; }
apply() { kubectl apply -f - > /dev/null; }

kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | apply

# --- JWT key pair: liveloop-jwt-public (publicKey.pem), liveloop-jwt-signing (privateKey.pem) -------
if exists liveloop-jwt-public && exists liveloop-jwt-signing; then
  echo "kept     liveloop-jwt-public, liveloop-jwt-signing"
else
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
  if [[ -n "$JWT_DIR" ]]; then
    cp "$JWT_DIR/privateKey.pem" "$work/privateKey.pem"
    cp "$JWT_DIR/publicKey.pem" "$work/publicKey.pem"
  else
    (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/privateKey.pem" 2> /dev/null)
    openssl pkey -in "$work/privateKey.pem" -pubout -out "$work/publicKey.pem"
  fi
  kubectl -n "$NAMESPACE" create secret generic liveloop-jwt-public \
    --from-file=publicKey.pem="$work/publicKey.pem" --dry-run=client -o yaml | apply
  kubectl -n "$NAMESPACE" create secret generic liveloop-jwt-signing \
    --from-file=privateKey.pem="$work/privateKey.pem" --dry-run=client -o yaml | apply
  echo "created  liveloop-jwt-public (publicKey.pem), liveloop-jwt-signing (privateKey.pem)"
fi

((JWT_ONLY)) && exit 0

# --- database passwords of the managed PostgreSQL roles: liveloop-db-<role> (username, password) -----
for role in orders livestream fulfillment; do
  name="liveloop-db-$role"
  if exists "$name"; then
    echo "kept     $name"
    continue
  fi
  password="$(openssl rand -base64 33 | tr -d '/+=\n')"
  kubectl -n "$NAMESPACE" create secret generic "$name" --type=kubernetes.io/basic-auth \
    --from-literal=username="$role" --from-literal=password="$password" --dry-run=client -o yaml \
    | kubectl label --local -f - cnpg.io/reload=true -o yaml | apply
  echo "created  $name (username, password)"
done

# --- the sandbox payment provider's webhook signing secret: liveloop-payment-sandbox (webhook-secret) ----
# One secret for every order-service replica (ORDER_SANDBOX_WEBHOOK_SECRET): a payment webhook routed by
# the gateway lands on any replica, and a secret a process makes up for itself dies with it. Standard
# Webhooks form: whsec_ followed by the padded base64 of 32 random bytes.
if exists liveloop-payment-sandbox; then
  echo "kept     liveloop-payment-sandbox"
else
  webhook_secret="whsec_$(openssl rand -base64 32 | tr -d '\n')"
  kubectl -n "$NAMESPACE" create secret generic liveloop-payment-sandbox \
    --from-literal=webhook-secret="$webhook_secret" --dry-run=client -o yaml | apply
  echo "created  liveloop-payment-sandbox (webhook-secret)"
fi

exists liveloop-tls || echo "missing  liveloop-tls (prod Ingress certificate): kubectl -n $NAMESPACE create secret tls liveloop-tls --cert=CERT --key=KEY"
