"""What a Milvus Lite store costs at N passages of real text: the figures in docs/SCALING.md.

    python -m explorer.bench.milvus_bench --n 10000 [--folder DIR] [--queries 60]

Passages are real English paragraphs (explorer.bench.text: the stdlib's docstrings, or a folder
of .txt/.md files); vectors are seeded random unit vectors of 384 dimensions, since the store's
cost does not depend on what the vectors mean and encoding is measured by `explorer bench`.
Prints: add rate (passages/s, store only), open time of the existing file in a new process,
query p50/p95 for dense, keyword, the explorer's convex hybrid (which also asks the store for
document frequencies) and Milvus' RRF hybrid, the process's peak RSS, and the file's size.
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from explorer.bench.text import paragraphs
from explorer.story.passages import DOCUMENT, Passage
from explorer.store import hybrid
from explorer.store.milvus_store import MilvusStore
from explorer.text import terms_of

DIM = 384


def passages_of(texts: list[str]) -> list[Passage]:
    return [Passage(id=f"bench:{i}", doc=f"doc{i // 50}", title=f"Doc {i // 50}", kind=DOCUMENT, section="",
                    locator=f"¶{i % 50 + 1}", text=t, principle=None, source_url=None, position=i % 50,
                    date=f"20{10 + i % 15}-0{1 + i % 9}") for i, t in enumerate(texts)]


def percentiles(times: list[float]) -> str:
    ms = np.array(times) * 1000
    return f"p50 {np.percentile(ms, 50):7.1f} ms   p95 {np.percentile(ms, 95):7.1f} ms"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv=None) -> None:
    from pymilvus import RRFRanker

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args(argv)
    texts = paragraphs(args.n, args.folder)
    texts = (texts * (args.n // max(len(texts), 1) + 1))[:args.n]  # repeat if the source is short
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(texts), DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    passages = passages_of(texts)
    queries = [" ".join(texts[int(i)].split()[:6]) for i in rng.integers(0, len(texts), args.queries)]
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench.db")
        started = time.perf_counter()
        with MilvusStore.create(path, "bench", DIM) as store:
            for start in range(0, len(passages), 1000):
                store.add(passages[start:start + 1000], vectors[start:start + 1000])
            built = time.perf_counter() - started
            timings = {name: [] for name in ("dense", "keyword", "hybrid (explorer convex)", "hybrid (Milvus RRF)")}
            for q in queries:
                terms, vector = terms_of(q), rng.normal(size=DIM).astype(np.float32)
                vector /= np.linalg.norm(vector)
                runs = {"dense": lambda v=vector: store.dense(v, hybrid.CANDIDATES),
                        "keyword": lambda t=terms: store.keyword(t, hybrid.CANDIDATES),
                        "hybrid (explorer convex)": lambda v=vector, t=terms: hybrid.convex(store, v, t, 10),
                        "hybrid (Milvus RRF)": lambda v=vector, t=terms: hybrid.milvus(store, v, t, 10, RRFRanker(60))}
                for name, run in runs.items():
                    t = time.perf_counter()
                    run()
                    timings[name].append(time.perf_counter() - t)
        size = folder_size(Path(path))
        script = ("import sys, time; t = time.perf_counter(); from explorer.store.milvus_store import MilvusStore\n"
                  "s = MilvusStore.open(sys.argv[1], 'bench'); n = len(s); print(time.perf_counter() - t, n); s.close()")
        opened = subprocess.run([sys.executable, "-c", script, path], capture_output=True, text=True, check=True)
    open_seconds = float(opened.stdout.split()[-2])
    print(f"passages {len(passages)} ({len(set(texts))} distinct paragraphs), {DIM}-d vectors, Milvus Lite, FLAT + BM25")
    print(f"add (store only)          {len(passages) / built:8.0f} passages/s ({built:.1f} s)")
    print(f"open in a new process     {open_seconds:8.2f} s (imports included)")
    for name, times in timings.items():
        print(f"{name:<26}{percentiles(times)}")
    print(f"peak RSS (this process)   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB")
    print(f"on disk                   {size / 2**20:8.1f} MB")


if __name__ == "__main__":
    main()
