#!/usr/bin/env python3
"""Issue 8's ratio for several builds at once: N rounds, each running every command in turn (the
order rotated each round, a fresh database each run: every `/tmp/abdb*` file is removed first),
then per command the median wall and CPU (user+sys of the child) and the median over rounds of
the first command's time over its own (extract / ingest: the throughput ratio).

usage: scripts/ingest-ab.py N 'BIN extract IN' 'BIN_A ingest --db /tmp/abdb IN' ['BIN_B ingest ...' ...]
"""
import os
import resource
import statistics as st
import subprocess
import sys
import time

n = int(sys.argv[1])
cmds = sys.argv[2:]
res = {c: [] for c in cmds}
for i in range(n):
    for c in cmds[i % len(cmds):] + cmds[:i % len(cmds)]:
        subprocess.run("rm -f /tmp/abdb*", shell=True)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.time()
        subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.time() - t
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        res[c].append((wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)))
print("load", os.getloadavg())
ref = res[cmds[0]]
for c in cmds:
    ws = [x[0] for x in res[c]]
    cs = [x[1] for x in res[c]]
    rw = [r[0] / x[0] * 100 for r, x in zip(ref, res[c])]
    rc = [r[1] / x[1] * 100 for r, x in zip(ref, res[c])]
    print(f"wall {st.median(ws):.3f} cpu {st.median(cs):.3f} ratio wall {st.median(rw):.1f}% "
          f"cpu {st.median(rc):.1f}% (mean {st.mean(rw):.1f}/{st.mean(rc):.1f})  {c[:70]}")
