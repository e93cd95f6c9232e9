#!/usr/bin/env python3
"""Side by side: the per-entity baseline (baseline_client.py) and `ardoq-sync apply`, on the
same bench-gen data against the same ardoq-emulator state, each on a fresh emulator.

Scenarios:
  create  an empty workspace (its metamodel only): everything is created;
  update  the workspace already holds the data with 1% of the components changed and 0.5%
          missing: the changed ones are updated, the missing ones created.

For each size N (N components and N references) prints one Markdown table row per scenario:
wall time, requests (from the emulator's /_emulator/stats), peak RSS and the ratios; exits 1 when the
two runs did not leave the workspace with the same number of components and references.
Every timed run holds the lock file (--lock), so that no build skews it.

    compare.py --sync BIN --emulator BIN --gen BIN --work DIR [--lock FILE]
               [--sizes 1000,10000,50000] [--scenarios create,update] [--baseline-limit N]
               [--runs 3] [--runs-limit 10000]

Wall time is the median of --runs runs (each on a fresh emulator) for sizes up to
--runs-limit, a single run above it; requests and peak RSS are those of the median run.
The two sides run in turn (baseline, ardoq-sync, baseline, ...), so that both meet the
same spells of a shared host.
"""

import argparse
import contextlib
import fcntl
import json
import os
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "bench-token-0123456789"
WORKSPACE = "aaaaaaaaaaaaaaaaaaaaaa01"


@contextlib.contextmanager
def locked(path):
    if not path:
        yield
        return
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


class Emulator:
    def __init__(self, binary, seed):
        self.proc = subprocess.Popen(
            [binary, "--port", "0", "--token", TOKEN, "--seed", seed, "--id-seed", "7"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        prefix = "listening on 127.0.0.1:"
        if not line.startswith(prefix):
            self.proc.kill()
            raise SystemExit(f"compare: ardoq-emulator did not start: {line!r}")
        self.url = "http://127.0.0.1:" + line[len(prefix):].strip()

    def get(self, path):
        req = urllib.request.Request(self.url + path,
                                     headers={"Authorization": "Bearer " + TOKEN})
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read())

    def requests(self):
        stats = self.get("/_emulator/stats")
        out = {}
        for route, statuses in stats["routes"].items():
            if route.startswith("GET /_emulator"):
                continue
            out[route] = sum(statuses.values())
        return out

    def counts(self):
        summary = self.get("/api/workspace/summary")
        ws = next(w for w in summary if w["_id"] == WORKSPACE)
        return ws["componentCount"], ws["referenceCount"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def run_timed(cmd, cwd, env, lock):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS in MB, stdout)."""
    rss_file = os.path.join(os.path.abspath(cwd), ".peak-rss")
    with locked(lock):
        start = time.monotonic()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, cwd=cwd,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.monotonic() - start
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"compare: {' '.join(cmd)} failed with exit code {r.returncode}")
    with open(rss_file) as f:
        rss_mb = int(f.read().split()[-1]) / 1024
    return seconds, rss_mb, r.stdout


def generate(args, n, scenario):
    data = os.path.join(args.work, f"compare-{scenario}-{n}")
    if not os.path.exists(os.path.join(data, "done")):
        os.makedirs(data, exist_ok=True)
        changed, missing = ("0", "0") if scenario == "create" else ("0.01", "0.005")
        subprocess.run([args.gen, "--out", data, "--components", str(n), "--references", str(n),
                        "--seed", "1", "--changed", changed, "--missing", missing, "--formats",
                        "csv,mapping,emulator-empty,emulator"], check=True,
                       stdout=subprocess.DEVNULL)
        open(os.path.join(data, "done"), "w").close()
    seed = os.path.join(data, "emulator-empty.json" if scenario == "create" else "emulator.json")
    return data, seed


def median_of(results):
    """The result with the median wall time, with every wall time (sorted) under "walls"."""
    results = sorted(results, key=lambda r: r["s"])
    chosen = dict(results[(len(results) - 1) // 2])
    chosen["walls"] = [r["s"] for r in results]
    return chosen


def alternate(runs, *sides):
    """Calls each of `sides` in turn, `runs` rounds (each call on a fresh emulator), so that
    every side meets the same spells of a shared host; returns each side's median result."""
    results = [[] for _ in sides]
    for _ in range(runs):
        for i, once in enumerate(sides):
            results[i].append(once())
    return [median_of(r) for r in results]


def one(args, n, scenario, run_baseline):
    data, seed = generate(args, n, scenario)
    env = dict(os.environ, ARDOQ_API_TOKEN=TOKEN, ARDOQ_API_HOST="")
    result = {"n": n, "scenario": scenario}
    runs = args.runs if args.runs_limit == 0 or n <= args.runs_limit else 1
    result["runs"] = runs

    def baseline_once():
        emu = Emulator(args.emulator, seed)
        try:
            seconds, rss, out = run_timed(
                [sys.executable, os.path.join(HERE, "baseline_client.py"), "--url", emu.url,
                 "--workspace", WORKSPACE, "--data", data], data, env, args.lock)
            return {"s": seconds, "rss_mb": rss, "out": json.loads(out),
                    "requests": sum(emu.requests().values()), "counts": emu.counts()}
        finally:
            emu.stop()

    def sync_once():
        emu = Emulator(args.emulator, seed)
        try:
            state_dir = os.path.join(data, ".ardoq-sync")
            subprocess.run(["rm", "-rf", state_dir], check=True)
            seconds, rss, _ = run_timed([args.sync, "--quiet", "apply", "mapping.yaml",
                                         "--target", emu.url], data, env, args.lock)
            requests = emu.requests()
            return {"s": seconds, "rss_mb": rss, "requests": sum(requests.values()),
                    "batches": requests.get("POST /api/v2/batch", 0), "counts": emu.counts()}
        finally:
            emu.stop()

    if run_baseline:
        b, s = alternate(runs, baseline_once, sync_once)
        result.update(baseline_s=b["s"], baseline_walls=b["walls"], baseline_rss_mb=b["rss_mb"],
                      baseline=b["out"], baseline_requests=b["requests"],
                      baseline_counts=b["counts"])
    else:
        (s,) = alternate(runs, sync_once)
    result.update(sync_s=s["s"], sync_walls=s["walls"], sync_rss_mb=s["rss_mb"],
                  sync_requests=s["requests"], sync_batches=s["batches"],
                  sync_counts=s["counts"])
    return result


def row(r):
    n = r["n"]
    what = (f"{n:,} + {n:,}, empty workspace" if r["scenario"] == "create"
            else f"{n:,} + {n:,}, 1% changed, 0.5% missing")
    batches = f"{r['sync_batches']} batch" + ("" if r["sync_batches"] == 1 else "es")
    sync = (f"{r['sync_s']:.2f} s, {r['sync_requests']:,} requests ({batches}), "
            f"{r['sync_rss_mb']:.0f} MB")
    if "baseline_s" not in r:
        return f"| {what} | {r['runs']} | not run | {sync} | | |"
    b = r["baseline"]
    writes = (b["created_components"] + b["updated_components"] + b["created_references"]
              + b["updated_references"])
    base = (f"{r['baseline_s']:.2f} s, {r['baseline_requests']:,} requests ({writes:,} "
            f"writes), {r['baseline_rss_mb']:.0f} MB")
    speed = r["baseline_s"] / r["sync_s"]
    share = 100.0 * r["sync_requests"] / r["baseline_requests"]
    return f"| {what} | {r['runs']} | {base} | {sync} | {speed:.1f}× | {share:.2f}% |"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sync", required=True)
    p.add_argument("--emulator", required=True)
    p.add_argument("--gen", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--lock", default="")
    p.add_argument("--sizes", default="1000,10000,50000")
    p.add_argument("--scenarios", default="create,update")
    p.add_argument("--baseline-limit", type=int, default=0,
                   help="skip the baseline above this size (0: no limit)")
    p.add_argument("--runs", type=int, default=3,
                   help="timed runs of each side per size, each on a fresh emulator; the "
                        "median is shown")
    p.add_argument("--runs-limit", type=int, default=10000,
                   help="sizes above this get a single run (0: no limit)")
    p.add_argument("--json", help="also write the raw results here")
    args = p.parse_args()
    # the runs change their working directory
    for name in ("work", "sync", "emulator", "gen"):
        setattr(args, name, os.path.abspath(getattr(args, name)))

    print("| data (components + references) | runs | per-entity baseline | ardoq-sync apply "
          "| speed-up | ardoq-sync's share of requests |")
    print("|---|---:|---:|---:|---:|---:|")
    results, failed = [], False
    for n in [int(x) for x in args.sizes.split(",")]:
        for scenario in args.scenarios.split(","):
            run_baseline = args.baseline_limit == 0 or n <= args.baseline_limit
            r = one(args, n, scenario, run_baseline)
            results.append(r)
            print(row(r), flush=True)
            if run_baseline and r["baseline_counts"] != r["sync_counts"]:
                print(f"compare: N={n} {scenario}: the baseline left {r['baseline_counts']} "
                      f"(components, references), ardoq-sync {r['sync_counts']}",
                      file=sys.stderr)
                failed = True
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
