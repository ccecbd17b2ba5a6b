#!/usr/bin/env python3
"""Issue 11's throughput benchmark: plain `sitrep extract` and the Spark job, alternated.

    spark_pairs.py --binary target/release/sitrep --corpus c200k.jsonl --rounds 5 \
        --python target/spark-venv/bin/python [--job NAME=SCRIPT ...] [--log runs.jsonl]

Each round runs plain extract over the corpus, then each job (default: `job=scale/spark/
sitrep_spark.py`) with `--master local[2]`, one after the other, never two at once. For every run
it prints wall time, the process tree's CPU-seconds and the sitrep processes' share, and, for the
job, where the JVM's CPU went by thread (executor tasks and their stdin writers, the C2 and C1
compilers, GC, the rest) and the JVM's peak RSS, from /proc sampled every 0.2 s (the sitrep
processes' CPU is what the JVM's children used, which /proc counts in full once waited for). The last
column compares each job with the plain run of the same round (plain's wall / the job's wall):
only runs next to each other are compared, since a shared host's speed drifts between runs.
Linux only (/proc); standard library only.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def stat(path):
    """(comm, ppid, cpu seconds, waited-for children's cpu seconds) from a /proc stat file, or None
    once it is gone."""
    try:
        with open(path, "rb") as f:
            s = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    comm = s[s.index("(") + 1:s.rindex(")")]
    rest = s[s.rindex(")") + 2:].split()
    return comm, int(rest[1]), (int(rest[11]) + int(rest[12])) / TICK, (int(rest[13]) + int(rest[14])) / TICK


def java_thread_kind(name):
    if name.startswith("Executor task") or name.startswith("stdin writer"):
        return "tasks"
    if name.startswith("C2 Compiler"):
        return "c2"
    if name.startswith("C1 Compiler"):
        return "c1"
    if name.startswith("GC Thread") or name.startswith("ParGC") or name == "VM Thread":
        return "gc"
    return "other"


class Sampler(threading.Thread):
    """Samples the process tree under `root` until stopped: the last CPU seen per process and per
    JVM thread, and the JVM's peak resident set."""

    def __init__(self, root):
        super().__init__(daemon=True)
        self.root, self.done = root, threading.Event()
        self.procs = {}    # pid -> (comm, cpu, waited-for children's cpu)
        self.threads = {}  # (pid, tid) -> (name, cpu)
        self.java_rss = 0

    def descendants(self):
        parent = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                s = stat("/proc/%s/stat" % d)
                if s:
                    parent[int(d)] = (s[1], s[0], s[2], s[3])
        out, frontier = {}, {self.root}
        while frontier:
            nxt = set()
            for pid, (ppid, comm, cpu, children) in parent.items():
                if ppid in frontier and pid not in out:
                    out[pid] = (comm, cpu, children)
                    nxt.add(pid)
            frontier = nxt
        return out

    def sample(self):
        for pid, (comm, cpu, children) in self.descendants().items():
            self.procs[pid] = (comm, cpu, children)
            if comm == "java":
                try:
                    for tid in os.listdir("/proc/%d/task" % pid):
                        s = stat("/proc/%d/task/%s/stat" % (pid, tid))
                        if s:
                            self.threads[(pid, tid)] = (s[0], s[2])
                    with open("/proc/%d/statm" % pid) as f:
                        self.java_rss = max(self.java_rss, int(f.read().split()[1]) * PAGE)
                except OSError:
                    pass

    def run(self):
        while not self.done.wait(0.2):
            self.sample()

    def stop(self):
        self.done.set()
        self.join()


def run(label, argv, env=None, stdout=None):
    """Runs argv, returns its figures."""
    load0 = os.getloadavg()[0]
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=stdout)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit("spark_pairs: %s exited %d" % (label, proc.returncode))
    total = ru.ru_utime + ru.ru_stime
    # PySpark does not wait for the JVM it starts, so the JVM's CPU is not in the rusage: it is the
    # last sample of the JVM's own CPU, and the children it waited for (the pipe's shells and
    # the sitrep processes under them) are its children's CPU, which /proc counts in full.
    java = sum(cpu for comm, cpu, _ in sampler.procs.values() if comm == "java")
    piped = sum(children for comm, _, children in sampler.procs.values() if comm == "java")
    kinds = {}
    for name, cpu in sampler.threads.values():
        k = java_thread_kind(name)
        kinds[k] = kinds.get(k, 0.0) + cpu
    return {
        "label": label, "wall": wall, "cpu": total + java + piped, "java": java,
        "sitrep": piped if java else total,
        "java_threads": kinds, "java_rss_mb": sampler.java_rss / 2 ** 20,
        "load_start": load0, "load_end": os.getloadavg()[0],
        "at": time.strftime("%H:%M:%S", time.gmtime()),
    }


def show(r, plain=None):
    t = r["java_threads"]
    jvm = ("  java %5.1f (tasks %4.1f c2 %3.1f c1 %3.1f gc %3.1f other %3.1f) rss %4.0f MB" % (
        r["java"], t.get("tasks", 0), t.get("c2", 0), t.get("c1", 0), t.get("gc", 0), t.get("other", 0),
        r["java_rss_mb"]) if r["java"] else "")
    ratio = "  %3.0f%% of plain by wall" % (100 * plain["wall"] / r["wall"]) if plain else ""
    print("%s %-12s wall %6.1f s  cpu %6.1f  sitrep %6.1f%s  load %.1f->%.1f%s" % (
        r["at"], r["label"], r["wall"], r["cpu"], r["sitrep"], jvm, r["load_start"], r["load_end"], ratio),
        flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--corpus", required=True, help="JSON Lines articles (scale/tests/make_corpus.py)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--python", default="target/spark-venv/bin/python", help="Python with pyspark")
    ap.add_argument("--job", action="append", default=[], metavar="NAME=SCRIPT",
                    help="a job to run each round, its script and any arguments of its own (repeatable; "
                         "default job=scale/spark/sitrep_spark.py; e.g. 'tsv=scale/spark/sitrep_spark.py --wire tsv')")
    ap.add_argument("--job-arg", action="append", default=[], metavar="ARG", help="passed to every job")
    ap.add_argument("--workdir", default="target/spark-pairs", help="where outputs go")
    ap.add_argument("--no-plain", action="store_true", help="jobs only")
    ap.add_argument("--log", help="append every run's figures here as JSON Lines")
    args = ap.parse_args(argv)

    jobs = [j.split("=", 1) for j in args.job] or [["job", "scale/spark/sitrep_spark.py"]]
    jobs = [(name, shlex.split(command)) for name, command in jobs]
    os.makedirs(args.workdir, exist_ok=True)
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    for rnd in range(1, args.rounds + 1):
        plain = None
        if not args.no_plain:
            with open(os.path.join(args.workdir, "plain.jsonl"), "wb") as out:
                plain = run("plain-%d" % rnd, [args.binary, "extract", "--input-format", "jsonl", args.corpus],
                            stdout=out)
            show(plain)
            log(args.log, plain)
        for name, (script, *extra) in jobs:
            outdir = os.path.join(args.workdir, "out-" + name)
            subprocess.run(["rm", "-rf", outdir], check=True)
            r = run("%s-%d" % (name, rnd), [args.python, script, "--binary", args.binary, "--input", args.corpus,
                                           "--output", outdir, "--master", "local[2]"] + extra + args.job_arg,
                    env=env)
            if plain:
                r["plain_wall"] = plain["wall"]
            show(r, plain)
            log(args.log, r)
    return 0


def log(path, r):
    if path:
        with open(path, "a") as f:
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    sys.exit(main())
