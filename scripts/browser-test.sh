#!/usr/bin/env bash
# Browser tests of the web map (issue 10): installs Debian's chromium and the page's npm
# packages if missing, builds `sitrep`, ingests the bundled demo articles through the HTTP API
# of a real `sitrep serve`, runs tests/browser/*.test.mjs (node's test runner, playwright-core
# driving /usr/bin/chromium), then stops the server with SIGTERM and checks it exits 0.
# Screenshots: artifacts/. Set SITREP_SCREENSHOT_DOCS=1 to refresh docs/screenshot.png.
# Usage: bash scripts/browser-test.sh        (from the repo root or anywhere)
# Also run by `cargo test` through crates/sitrep/tests/browser.rs when chromium and web/node_modules exist.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

if ! [ -x /usr/bin/chromium ]; then
  echo "browser-test: installing chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! [ -d web/node_modules/playwright-core ]; then
  echo "browser-test: npm ci (web/)" >&2
  (cd web && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi

# SITREP_BIN: an already built binary (the cargo test wrapper passes its own).
if [ -n "${SITREP_BIN:-}" ]; then
  BIN="$SITREP_BIN"
else
  cargo build -q -p sitrep
  BIN="$CARGO_TARGET_DIR/debug/sitrep"
fi
WORK="$(mktemp -d)"
TOKEN="browser-test-$$"
OUT="$WORK/serve.out"
"$BIN" serve --db "$WORK/demo.db" --addr 127.0.0.1:0 --token "$TOKEN" >"$OUT" 2>"$WORK/serve.err" &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
URL=""
for _ in $(seq 1 300); do
  URL="$(grep -o 'http://[0-9.:]*' "$OUT" | head -1 || true)"
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "browser-test: the server did not start" >&2; cat "$WORK/serve.err" >&2; exit 1; }
echo "browser-test: server at $URL" >&2
curl -fsS -X POST "$URL/api/articles" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/x-ndjson' --data-binary @data/demo/fakes-sample.jsonl >"$WORK/ingest.json"
echo "browser-test: ingested $(cat "$WORK/ingest.json" | head -c 200)" >&2

STATUS=0
SITREP_URL="$URL" node --test --test-concurrency=1 tests/browser/ || STATUS=$?

kill -TERM "$PID"
RC=0
wait "$PID" || RC=$?
trap - EXIT
rm -rf "$WORK"
[ "$RC" -eq 0 ] || { echo "browser-test: sitrep serve exited $RC after SIGTERM" >&2; exit 1; }
exit "$STATUS"
