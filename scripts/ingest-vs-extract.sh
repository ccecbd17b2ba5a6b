#!/bin/sh
# Ingest against plain extract on the same input: N alternating pairs, a fresh database each
# run, then the ratios (wall and user+sys CPU) and their medians. The issue-8 throughput figure.
# usage: scripts/ingest-vs-extract.sh BIN INPUT [N]   (BIN: a release sitrep binary)
# Input used in docs/benchmarks-store.md: the 415 FA-KES dev articles 12 times, each copy with a
# distinct id (`-cN`) and text (`… (copy N)` appended), as JSON Lines: made by
# `scripts/fakes-copies.py ../shared 12 > /tmp/store-fakes-x12.jsonl`.
B=$1; IN=$2; N=${3:-4}
W=$(mktemp -d "${TMPDIR:-/tmp}/ingest-vs-extract.XXXXXX") || exit 3
trap 'rm -rf "$W"' EXIT
uptime
for i in $(seq $N); do rm -f "$W"/db*
 /usr/bin/time -f "extract %e s %U u %S s" $B extract $IN > "$W"/out.jsonl
 /usr/bin/time -f "ingest %e s %U u %S s" $B ingest --db "$W"/db $IN 2>&1 | grep -v "^sitrep: ingest"
done 2>&1 | python3 -c "
import sys,re
ex=[];ing=[]
for l in sys.stdin:
    print(l.rstrip())
    m=re.match(r'(\w+) ([\d.]+) s ([\d.]+) u ([\d.]+) s',l)
    if m: (ex if m.group(1)=='extract' else ing).append((float(m.group(2)),float(m.group(3))+float(m.group(4))))
for (ew,ec),(iw,ic) in zip(ex,ing): print(f'wall ratio {ew/iw*100:.0f}%  cpu ratio {ec/ic*100:.0f}%')
import statistics as s
print('median wall ratio', round(s.median([e[0]/i[0] for e,i in zip(ex,ing)])*100), 'median cpu ratio', round(s.median([e[1]/i[1] for e,i in zip(ex,ing)])*100))
"
uptime
