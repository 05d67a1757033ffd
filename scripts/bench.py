#!/usr/bin/env python3
"""End-to-end benchmark of `claimex extract` on a folder of plain-text articles.

Builds a corpus of the requested size from the plain-text fixtures (every
`*.txt` under `fixtures/`, or with `--fixtures seeds` the five seed
articles only), or with `--from PATH` from your own articles (a folder of
`*.txt` files, or a JSON Lines file of records with a "text" field such as
`claimex text` writes); each copy a separate file, a thousand files per
sub-folder, builds the release binary, and runs `claimex extract` on the
folder with each requested number of jobs, `--repeat` times. For each job
count it prints the fastest run's wall time, MB/s, documents/s, the peak
resident memory (from GNU time where it exists, else polled from /proc)
and the CPU seconds it used, and the slowest run's wall time (a shared
machine's speed drifts from run to run); then the speed-up those CPU
seconds allow at most: N jobs on N cores take at least their CPU time over
N, so when they spend more CPU time on the corpus than one job does (more
work, or cores that ran slower while the others were busy), N times the
ratio of the two CPU times bounds the speed-up. Before the runs, how many
figures the corpus holds per KB (one untimed run), since the cost of a
document grows with its figures, and the processor and its clock, since
MB/s follow it. With `--instructions`, also what one more sub-folder
costs in instructions (Valgrind's callgrind), a byte and a document, and
how many instructions a second the fastest `-j1` run then ran: the first
follows the code and not the machine, the second the machine.

The corpus is read once before timing so that the figures measure claimex,
not the disk; output goes to /dev/null (pass --output-dir to write it to a
file instead). Standard library only.

    scripts/bench.py                 # 200 MB corpus, -j1 and -j2
    scripts/bench.py --size-mb 1024  # the 1 GB folder of the memory target
    scripts/bench.py --jobs 1 2 4 --repeat 3
    scripts/bench.py --from bodies.jsonl  # articles of your own
    scripts/bench.py --instructions  # and the instructions a byte (needs valgrind)
"""

import argparse
import json
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def fixture_articles(which):
    """The plain-text articles among the fixtures (all, or the seeds only), in a fixed order."""
    return articles_from(ROOT / "fixtures" / ("seeds" if which == "seeds" else ""))


def articles_from(path):
    """Articles of the user's: the `*.txt` files under a folder, or the "text"
    of each record of a JSON Lines file; empty ones left out."""
    if not path.exists():
        sys.exit(f"bench: {path}: not found")
    if path.is_dir():
        found = [p.read_bytes() for p in sorted(path.rglob("*.txt")) if ".expected." not in p.name]
    else:
        found = []
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    text = json.loads(line).get("text")
                except (json.JSONDecodeError, AttributeError) as e:
                    sys.exit(f"bench: {path}:{number}: not a JSON record with a text field ({e})")
                if isinstance(text, str):
                    found.append(text.encode("utf-8"))
    found = [a for a in found if a.strip()]
    if not found:
        sys.exit(f"bench: no articles in {path}")
    return found


def build_corpus(directory, size_bytes, articles):
    """Writes copies of `articles` until `size_bytes`; returns (bytes, files)."""
    stamp = directory / ".corpus-size"
    if stamp.exists():
        total, files = map(int, stamp.read_text().split())
        if total >= size_bytes:
            return total, files
    total = files = 0
    while total < size_bytes:
        sub = directory / f"{files // 1000:04}"
        if files % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        body = articles[files % len(articles)]
        (sub / f"{files:07}.txt").write_bytes(body)
        total += len(body)
        files += 1
    stamp.write_text(f"{total} {files}\n")
    return total, files


def warm(directory):
    """Reads every file once so the timed runs find it in the page cache."""
    for path in directory.rglob("*.txt"):
        path.read_bytes()


def figures(binary, directory):
    """How many figures `claimex extract` finds in the corpus (one untimed
    run on every core, its JSON Lines counted as they stream): speed
    depends on it, since every figure is attributed."""
    command = [str(binary), "extract", "-j", str(os.cpu_count() or 1), str(directory)]
    count = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE) as proc:
        while chunk := proc.stdout.read(1 << 20):
            count += chunk.count(b"\n")
    if proc.returncode != 0:
        sys.exit(f"bench: claimex exited with {proc.returncode} while counting figures")
    return count


def instructions(binary, directory):
    """The instructions `claimex extract -j1` spends on one more
    sub-folder of the corpus, counted by Valgrind's callgrind (or None
    when Valgrind is missing or the corpus has one sub-folder): a run on
    the first sub-folder and a run on the first two, the difference
    divided by the second's bytes and documents. A count does not drift
    with the machine as seconds do, and the difference leaves out what a
    run pays once (the regexes' first builds). Returns (instructions per
    byte, per document, bytes of the sub-folder)."""
    subs = sorted(p for p in directory.iterdir() if p.is_dir())
    if len(subs) < 2 or not shutil.which("valgrind"):
        return None
    counts = []
    for folders in (subs[:1], subs[:2]):
        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "callgrind.out"
            command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(binary), "extract", "-j1"]
            done = subprocess.run(command + [str(f) for f in folders], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            # callgrind's summary line: "==PID== Collected : 123456"
            found = re.search(rb"Collected : (\d+)", done.stderr)
            if done.returncode != 0 or not found:
                sys.exit(f"bench: callgrind run exited with {done.returncode}")
            counts.append(int(found.group(1)))
    files = list(subs[1].glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    more = counts[1] - counts[0]
    return more / size, more / len(files), size


def machine():
    """The processor the figures were taken on (model and clock, from
    /proc/cpuinfo on Linux): MB/s follow the clock, so figures from two
    machines compare only with it."""
    fields = {}
    try:
        # the first processor's lines: "key<TAB>: value"
        for line in pathlib.Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    model, mhz = fields.get("model name"), fields.get("cpu MHz", "")
    if model:
        return f"{model}, {float(mhz):.0f} MHz" if mhz.replace(".", "", 1).isdigit() else model
    return platform.processor() or platform.machine() or "unknown"


def run(binary, directory, jobs, output):
    """One timed run: (seconds, peak RSS in bytes, exit status, CPU seconds).

    The CPU seconds are user and system time, of claimex and of GNU time
    around it (wait4 counts the children a process waited for).

    The peak comes from GNU time (`/usr/bin/time -f %M`) where it exists:
    the rusage this process could read itself counts the memory of the
    forked Python process too. Elsewhere it is polled from /proc (Linux),
    or taken from wait4 as a last resort (an upper bound).
    """
    out = open(output, "wb") if output else subprocess.DEVNULL
    command = [str(binary), "extract", "-j", str(jobs), str(directory)]
    gnu_time = pathlib.Path("/usr/bin/time").exists()
    with tempfile.NamedTemporaryFile("r") as rss_file:
        if gnu_time:
            command = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + command
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out)
        polled = 0
        if gnu_time:
            _, status, usage = os.wait4(proc.pid, 0)
        else:
            status_file = pathlib.Path(f"/proc/{proc.pid}/status")
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                try:
                    for line in status_file.read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            polled = max(polled, int(line.split()[1]) * 1024)
                except OSError:
                    pass
                time.sleep(0.005)
        seconds = time.perf_counter() - start
        if gnu_time:
            rss = int(rss_file.read().split()[-1]) * 1024
        elif polled:
            rss = polled
        else:
            # ru_maxrss is in kilobytes on Linux, bytes on macOS
            rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    if output:
        out.close()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, rss, os.waitstatus_to_exitcode(status), cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=200, help="corpus size in MB (10^6 bytes); default 200")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run; default 1 2")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per job count; the fastest is reported, with the slowest run's seconds beside it; default 3",
    )
    ap.add_argument(
        "--fixtures",
        choices=["all", "seeds"],
        default="all",
        help="articles to copy: every plain-text fixture (default) or the five seed articles only",
    )
    ap.add_argument(
        "--from",
        dest="source",
        type=pathlib.Path,
        help="build the corpus from these articles instead: a folder of *.txt files or a JSON Lines file "
        "with a text field per record (such as `claimex text` writes)",
    )
    ap.add_argument("--dir", type=pathlib.Path, default=ROOT / "target" / "bench-corpus", help="corpus folder")
    ap.add_argument("--output-dir", type=pathlib.Path, help="write each run's JSON Lines here, not to /dev/null")
    ap.add_argument("--no-build", action="store_true", help="use target/release/claimex as it is")
    ap.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of one more sub-folder with Valgrind (callgrind), and the "
        "instructions a second the fastest -j1 run then ran",
    )
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--locked", "-q", "--bin", "claimex"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "claimex"
    if args.source:
        articles = articles_from(args.source)
        label = "from-" + "".join(c if c.isalnum() else "-" for c in args.source.resolve().name)
    else:
        articles = fixture_articles(args.fixtures)
        label = args.fixtures
    directory = args.dir / f"{label}-{int(args.size_mb)}mb"
    size, files = build_corpus(directory, int(args.size_mb * 1e6), articles)
    warm(directory)
    found = figures(binary, directory)
    print(
        f"corpus: {directory} ({size / 1e6:.1f} MB, {files} files, "
        f"{found} figures: {found / (size / 1e3):.2f} per KB); {os.cpu_count()} CPUs"
    )
    print(f"machine: {machine()}")
    print(f"{'jobs':>4} {'seconds':>8} {'MB/s':>8} {'docs/s':>9} {'peak RSS':>9} {'speed-up':>8} {'CPU s':>7} {'slowest':>8}")
    # runs interleaved (j1, j2, j1, j2, ...) so that drift in the machine's
    # speed hits every job count alike; the fastest run of each is kept
    results = {jobs: [] for jobs in args.jobs}
    for _ in range(max(1, args.repeat)):
        for jobs in args.jobs:
            output = args.output_dir / f"j{jobs}.jsonl" if args.output_dir else None
            if output:
                output.parent.mkdir(parents=True, exist_ok=True)
            results[jobs].append(run(binary, directory, jobs, output))
    base = base_cpu = None
    bounds = []
    for jobs in args.jobs:
        runs = results[jobs]
        if any(status != 0 for _, _, status, _ in runs):
            sys.exit(f"bench: claimex exited with {[s for _, _, s, _ in runs]}")
        seconds, _, _, cpu = min(runs)
        rss = max(r for _, r, _, _ in runs)
        if jobs == 1:
            base, base_cpu = seconds, cpu
        elif base_cpu and cpu > 0:
            # N jobs take at least their CPU time over N: no speed-up beats N x one job's CPU time / theirs
            bounds.append(f"{jobs} jobs at most {jobs * base_cpu / cpu:.2f}x")
        speedup = f"{base / seconds:.2f}x" if base else "-"
        print(
            f"{jobs:>4} {seconds:>8.2f} {size / 1e6 / seconds:>8.1f} {files / seconds:>9.0f} "
            f"{rss / 2**20:>7.1f} MiB {speedup:>8} {cpu:>7.2f} {max(r[0] for r in runs):>7.2f}s"
        )
    if bounds:
        # below N when the jobs spent more CPU time on the corpus than one job did
        print(f"speed-up bound by CPU time (jobs x CPU s of 1 job / CPU s of theirs): {', '.join(bounds)}")
    if args.instructions:
        counted = instructions(binary, directory)
        if counted is None:
            print("instructions: not counted (needs valgrind on PATH and a corpus of two sub-folders or more)")
        else:
            per_byte, per_doc, sub = counted
            line = f"instructions (callgrind, one more sub-folder of {sub / 1e6:.1f} MB): {per_byte:.1f} a byte, {per_doc:,.0f} a document"
            if base:
                # the whole corpus at the sub-folder's rate, over the fastest -j1 run
                line += f"; the fastest -j1 run ran {per_byte * size / base / 1e9:.2f} billion a second"
            print(line)


if __name__ == "__main__":
    main()
