#!/usr/bin/env bash
# Starts the platform as `npm start` does on a fresh data folder, checks the gateway's health and an
# unknown API path, stops it, and starts it again on the same data. Prints the times it measured.
set -euo pipefail
data=$(mktemp -d)
log=$(mktemp)
export KONECTA_DATA_DIR="$data"

start_and_wait() {
  local label=$1 limit=$2 started now
  started=$(date +%s%N)
  # Its own process group, so stopping it reaches npm and node, and nothing else on the machine.
  setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 $((limit * 10))); do
    if curl -sf http://localhost:8080/health -o /tmp/konecta-health.json; then
      now=$(date +%s%N)
      echo "$label: gateway answered /health after $(((now - started) / 1000000)) ms (limit ${limit}s)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "$label: npm start exited"; return 1; }
    sleep 0.1
  done
  cat "$log"
  echo "$label: no answer within ${limit}s"
  return 1
}

stop() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do curl -s http://localhost:8080/health >/dev/null 2>&1 || return 0; sleep 0.1; done
  echo "npm start did not stop on SIGTERM"
  return 1
}

# The web app is built by CI before this (npm start builds it when missing, which is not what this times).
start_and_wait "first start" 30
node -e '
  const h = require("/tmp/konecta-health.json");
  const down = h.services.filter((s) => s.state !== "up").map((s) => s.name);
  console.log(`services listed: ${h.services.map((s) => s.name).join(", ")}`);
  if (h.services.length !== 7 || down.length) { console.error("down:", down); process.exit(1); }
'
status=$(curl -s -o /tmp/konecta-404.json -w '%{http_code} %{content_type}' http://localhost:8080/api/nothing-here/x)
echo "unknown API path: $status $(cat /tmp/konecta-404.json)"
[[ "$status" == "404 application/problem+json" ]]
node --input-type=module -e '
  import { createRemoteJWKSet, jwtVerify } from "jose";
  const base = "http://localhost:8080/api/auth";
  const login = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "employee@konecta.local", password: "Konecta#2026" }),
  });
  if (login.status !== 200) throw new Error(`employee login: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();
  const { payload, protectedHeader } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`)));
  console.log(`employee signed in through the gateway; token kid ${protectedHeader.kid} verifies against the JWKS; roles ${payload.roles}`);
  const users = await fetch(`${base}/users`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (users.status !== 403) throw new Error(`employee reading the user list: expected 403, got ${users.status}`);
  console.log("employee is refused the user list: 403");
'
stop
start_and_wait "restart on existing data" 5
stop
rm -rf "$data" "$log"
echo "smoke test passed"
