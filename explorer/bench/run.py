"""`python -m explorer bench`: measure, don't guess. Prints markdown tables.

- retrieval quality on the gold questions, per mode and fusion, and on an uploaded copy of the
  article (explorer.bench.upload_quality);
- dated events on the labelled sets: recall, precision, merged-source pairs (explorer.bench.events_eval);
- warm query latency p50/p95 per mode, every query new to the embedding cache;
- a batch of queries: one forward pass each (what the explorer does, so a query's embedding
  never depends on its batch neighbours) against one batched pass;
- index build rate against the model's raw encoding rate;
- cold start: a new process, from start to its first hybrid result;
- peak memory of this process;
- scale: synthetic corpora of random unit vectors (1k, 10k, 100k), exact vs HNSW FAISS.

`--scale N` measures a collection of N passages of real text instead (explorer.bench.scale).
"""

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from explorer.search.engine import MODES, Engine
from explorer.bench.first_view import first_view_table
from explorer.bench.evaluate import evaluate, load_gold
from explorer import settings
from explorer.settings import Config
from explorer.embedding.vectors import unit_rows

from explorer.bench import GOLD


def run_bench(config: Config, quick: bool = False) -> int:
    engine = Engine.open(config)
    gold = load_gold(GOLD)
    print(machine(config))
    print(quality_table(engine, gold))
    from explorer.bench.peer import peer_table
    from explorer.bench.upload_quality import upload_table

    print(upload_table(engine, gold, engine.encoder))

    print(peer_table(engine, gold, config, repeats=1 if quick else 3))
    print(events_bench())
    print(latency_table(engine, [g["question"] for g in gold], repeats=1 if quick else 3))
    print(batch_table(engine, [g["question"] for g in gold]))
    print(build_table(engine, config))
    print(add_table(config, engine.encoder, 1_000))
    from explorer.bench.entities_eval import entities_table, rate_table

    print(entities_table())
    print(rate_table(engine.passages, engine.encoder))
    print(cold_start_table(config))
    print(first_view_table(config, engine))
    print(claims_table(config, engine.encoder))
    print(f"\nPeak memory of this process (RSS): {peak_rss_mb():.0f} MB\n")
    print(scale_table((1_000, 10_000) if quick else (1_000, 10_000, 100_000), config.exact_limit))
    return 0


def events_bench() -> str:
    """Dated events on the labelled sets (explorer.bench.events_eval)."""
    from explorer.bench.events_eval import events_table

    return events_table()


def claims_table(config: Config, encoder) -> str:
    """Planted differences found, false alarms, check-worthy sentences in the top (claims_eval)."""
    from explorer.bench.claims_eval import evaluate, table

    return "\n" + table(evaluate(config, encoder_factory=lambda: encoder)) + "\n"


def machine(config: Config) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import faiss
    import torch

    return (f"\nMachine: {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}, "
            f"torch {torch.__version__} ({torch.get_num_threads()} threads), faiss {faiss.__version__}; "
            f"model {config.model} (id {config.model_id}).\n")


def quality_table(engine: Engine, gold: list[dict]) -> str:
    rows = ["\n### Retrieval quality on the gold questions\n", "| mode | fusion | hit@5 | recall@5 | MRR@10 |", "|---|---|---|---|---|"]
    original = engine.fusion_method
    for mode, method in [("keyword", "-"), ("semantic", "-"), ("hybrid", "rrf"), ("hybrid", "convex")]:
        engine.fusion_method = method if method != "-" else original
        q = evaluate(engine, gold, mode)
        rows.append(f"| {mode} | {method} | {q.hit_at_5:.3f} | {q.recall_at_5:.3f} | {q.mrr_at_10:.3f} |")
    engine.fusion_method = original
    rows.append(f"\n{len(gold)} questions; default fusion: {original}.")
    return "\n".join(rows)


def latency_table(engine: Engine, queries: list[str], repeats: int) -> str:
    engine.search(queries[0])  # load the model and warm every code path
    rows = ["\n### Warm query latency, k=10 (ms, end to end through the engine)\n",
            "| mode | queries | p50 | p95 | p50 repeated query |", "|---|---|---|---|---|"]
    for mode in MODES:
        fresh, repeated = [], []
        for _ in range(repeats):
            for query in queries:
                engine.encoder.clear_cache()
                fresh.append(_timed(lambda: engine.search(query, mode=mode, k=10)))
                repeated.append(_timed(lambda: engine.search(query, mode=mode, k=10)))
        rows.append(f"| {mode} | {len(fresh)} | {_p(fresh, 50):.1f} | {_p(fresh, 95):.1f} | {_p(repeated, 50):.1f} |")
    rows.append("\n'p50/p95': the query's embedding is computed every time (cache cleared). "
                "'repeated': the same query again, as on a rerun or a shared link (embedding cached).")
    return "\n".join(rows)


def batch_table(engine: Engine, queries: list[str]) -> str:
    """The cost of batch independence: encoding a batch of queries one forward pass each (as
    `search --batch` does) against one batched pass, and how far the batched pass would move them."""
    encoder = engine.encoder
    encoder.encode_queries(queries[:1])  # warm
    encoder.clear_cache()
    each = _timed(lambda: encoder.encode_queries(queries))
    encoder.clear_cache()
    batched_vectors = []
    together = _timed(lambda: batched_vectors.append(encoder._encode_direct(queries)))
    moved = float(np.max(np.abs(np.sum(batched_vectors[0] * encoder.encode_queries(queries), axis=1) - 1)))
    n = len(queries)
    return ("\n### A batch of queries: one forward pass each (used) vs one batched pass\n\n"
            "| encoding | queries | total ms | ms per query |\n|---|---|---|---|\n"
            f"| one pass per query (used: batch-independent) | {n} | {each:.0f} | {each / n:.1f} |\n"
            f"| one batched pass (not used) | {n} | {together:.0f} | {together / n:.1f} |\n"
            f"\nBatched, a query's embedding moves by up to {moved:.3f} in cosine with its neighbours (under "
            "EXPLORER_QUANTIZE=1: int8 activation scales are set per batch), which reorders hits; one pass each keeps the same question's answer "
            "the same alone, in a batch, in the CLI and in the app. Measured once: a rough figure.")


def build_table(engine: Engine, config: Config) -> str:
    from explorer.store.index import build_index

    texts = [p.embed_text for p in engine.passages]
    encoder = engine.encoder
    raw = _timed(lambda: encoder.encode(texts)) / 1000
    with tempfile.TemporaryDirectory() as folder:
        build = _timed(lambda: build_index(config.corpus_dir, Path(folder), encoder, config.exact_limit)) / 1000
    n = len(texts)
    return ("\n### Index build\n\n| what | passages | seconds | passages/s |\n|---|---|---|---|\n"
            f"| raw model encoding (passages only) | {n} | {raw:.2f} | {n / raw:.0f} |\n"
            f"| full build (validate, split, passages + stored sentences, store, write) | {n} | {build:.2f} | {n / build:.0f} |\n"
            "\nThe build embeds one text per passage and the sentences it stores: every passage's in a collection of "
            "at most SENTENCE_ALL_LIMIT passages (here: all of the story's), else those of the story's own kinds; "
            "other passages' sentences are embedded when a hit shows them.")


def add_table(config: Config, encoder, n: int, folder: Path | None = None) -> str:
    """Adding n passages of real text to a new collection: add rate against the model's raw
    encoding rate, then query latency on a collection of that size."""
    from explorer.bench.text import paragraphs
    from explorer.story.collections import Store
    from explorer.search.engine import Engine
    from explorer.ingest.changes import Upload, add_files

    texts = paragraphs(n + 60, folder)
    docs, queries = texts[:n], [" ".join(t.split()[:8]) for t in texts[n:n + 60]]
    raw = _timed(lambda: encoder.encode(docs)) / 1000
    per_file = 50
    uploads = [Upload(f"part-{i // per_file:03d}.txt", ("\n\n".join(docs[i:i + per_file]) + "\n").encode())
               for i in range(0, len(docs), per_file)]
    with tempfile.TemporaryDirectory() as folder_:
        store = Store(Path(folder_))
        store.create("bench")
        added = _timed(lambda: add_files(store, "bench", uploads, config, lambda: encoder)) / 1000
        collection = store.get("bench")
        engine = Engine.open(collection.config(config), build=False, encoder=encoder)
        passages = len(engine.passages)
        rows = []
        for mode in MODES:
            latencies = []
            for query in queries:
                encoder.clear_cache()
                latencies.append(_timed(lambda: engine.search(query, mode=mode, k=10)))
            rows.append(f"| {mode} | {len(queries)} | {_p(latencies, 50):.1f} | {_p(latencies, 95):.1f} |")
    source = f"files under {folder}" if folder else "docstrings of Python's standard library"
    return ("\n### Adding real text to a collection\n\n"
            f"{passages:,} passages from {len(uploads)} text files ({source}).\n\n"
            "| what | passages | seconds | passages/s |\n|---|---|---|---|\n"
            f"| raw model encoding (passages only) | {len(docs):,} | {raw:.2f} | {len(docs) / raw:.0f} |\n"
            f"| add: extract, split, embed passages, index, publish | {passages:,} | {added:.2f} | "
            f"{passages / added:.0f} |\n\n"
            f"Add rate is {passages / added / (len(docs) / raw):.0%} of the raw encoding rate (a collection of this size "
            "stores its sentences too; a sentence that is a whole passage is embedded once, by the embedding cache).\n\n"
            "| mode | queries | p50 ms | p95 ms |\n|---|---|---|---|\n" + "\n".join(rows))


def _first_example(config: Config) -> str:
    """The story's first example query (story.json), the search a new reader is offered first."""
    from explorer.story import collections
    from explorer.story.model import read_info

    examples = read_info(config.corpus_dir, collections.bundled(config)).search_examples
    return examples[0] if examples else "investment"


def cold_start_table(config: Config) -> str:
    query = _first_example(config)
    script = ("import time; t0 = time.perf_counter();"
              "from explorer import settings; from explorer.search.engine import Engine;"
              "e = Engine.open(settings.load(), build=False); t1 = time.perf_counter();"
              f"e.search({query!r}); t2 = time.perf_counter();"
              "print(t1 - t0, t2 - t1)")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=settings.ROOT, env=settings.child_environment(config), check=True).stdout.split()
    total = time.perf_counter() - started
    load, first = float(out[-2]), float(out[-1])
    return ("\n### Cold start (new process)\n\n| step | seconds |\n|---|---|\n"
            f"| interpreter start + imports + load index | {total - load - first:.2f} + {load:.2f} |\n"
            f"| first hybrid search (loads the model) | {first:.2f} |\n"
            f"| process start to first result | {total:.2f} |")


def scale_table(sizes, exact_limit: int) -> str:
    import faiss

    from explorer.store.faiss_store import make_ann

    rng = np.random.default_rng(0)
    dimension, queries = 384, 200
    rows = ["\n### Scale: synthetic corpora of random unit vectors (384 dims, k=10, 200 queries)\n",
            "| passages | index | build s | query p50 ms | query p95 ms | index MB | RSS growth MB | recall@10 vs exact | planted passage first |",
            "|---|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        vectors = unit_rows(rng.normal(size=(n, dimension)).astype(np.float32))
        # A query lands near a passage (noise of norm ~0.3), as a real query lands near its answer;
        # uniformly random queries in 384 dimensions have no meaningful nearest neighbours at all.
        noise = rng.normal(size=(queries, dimension)).astype(np.float32) * (0.3 / np.sqrt(dimension))
        sources = rng.integers(0, n, queries)
        probes = unit_rows(vectors[sources] + noise)
        truth = None
        for kind, label in (("flat", "exact (FlatIP)"), ("hnsw", "approximate (HNSW32)")):
            before = current_rss_mb()
            started = time.perf_counter()
            index = make_ann(vectors, "hnsw") if kind == "hnsw" else faiss.IndexFlatIP(dimension)
            if kind == "flat":
                index.add(vectors)
            built = time.perf_counter() - started
            grew = current_rss_mb() - before
            latencies, found, planted = [], [], 0
            for source, probe in zip(sources, probes):
                started = time.perf_counter()
                _, ids = index.search(probe[None, :], 10)
                latencies.append((time.perf_counter() - started) * 1000)
                found.append(set(ids[0]))
                planted += int(ids[0][0] == source)
            truth = truth or found
            recall = np.mean([len(a & b) / 10 for a, b in zip(found, truth)])
            size = faiss.serialize_index(index).nbytes / 2**20
            rows.append(f"| {n:,} | {label} | {built:.2f} | {_p(latencies, 50):.2f} | {_p(latencies, 95):.2f} | "
                        f"{size:.0f} | {max(grew, 0):.0f} | {recall:.3f} | {planted / queries:.3f} |")
            del index
    rows.append(f"\nThe explorer switches to HNSW above EXPLORER_EXACT_LIMIT={exact_limit} passages.")
    return "\n".join(rows)




def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _p(values, q) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mb()
