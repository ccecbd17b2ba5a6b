#!/usr/bin/env bash
# Score a release `sitrep` with the official measuring stick (../shared/tools/score.py) on every
# suite, one line per suite. Usage: scripts/score-all.sh [path/to/sitrep]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$ROOT/target/release/sitrep}"
SCORE="$ROOT/../shared/tools/score.py"
[ -f "$SCORE" ] || { echo "no $SCORE: the gold sets are not here" >&2; exit 2; }
for s in seed-places seed-times seed-quotes seed-events geo-lgl geo-gwn time-meantime case fakes; do
  python3 "$SCORE" "$s" --bin "$BIN"
done
