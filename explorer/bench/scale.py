"""`python -m explorer bench --scale N`: what a real collection of N passages costs on this machine.

Builds a collection from real English text (Debian's Python documentation by default, or a
folder of .html/.txt/.md files), through the same corpus, split, embed and index code as
`collection add`, then prints one table: build rate against the model's raw encoding rate,
warm query p50/p95 per mode, cold open, RSS of a serving process, index size on disk, ANN
recall@10 against exact search, BM25 from bm25s against the hand-written one, the gold
questions' quality over the bundled story with the N passages as distractors (explorer.bench.haystack),
and what the derived layers (entities, events, claims) cost beside the embedding (explorer.bench.layers_scale).

Everything lands in a work folder (default `.bench/scale-N`): the extracted text, the corpus,
the index and the content-hash embedding cache. A killed run resumes where it stopped, and a
second run embeds nothing again (the table says how many texts came from the cache).
"""

import dataclasses
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from explorer.bench.text import is_prose
from explorer.cli.collections import progress_bar
from explorer.errors import ExplorerError
from explorer.story.passages import SENTENCE_END, is_heading
from explorer import settings
from explorer.settings import Config, child_environment

PYTHON_DOCS = Path("/usr/share/doc/python3-doc/html")  # apt-get install python3-doc: about 25k prose paragraphs
LINUX_DOCS = Path("/usr/share/doc/linux-doc/html")  # apt-get install linux-doc: the kernel's documentation
POSTGRES_DOCS = Path("/usr/share/doc/postgresql-doc-15/html")  # apt-get install postgresql-doc-15
DJANGO_DOCS = Path("/usr/share/doc/python-django-doc/html")  # apt-get install python-django-doc: about 12.7k
# The first three hold 95,481 distinct prose paragraphs, short of the 100,200 a 100k run needs; with Django's, 108k.
TEXT_SOURCES = (PYTHON_DOCS, LINUX_DOCS, POSTGRES_DOCS, DJANGO_DOCS)
QUERIES = 200  # held-out paragraphs whose first words are the queries
QUERY_WORDS = 10
PER_DOCUMENT = 50  # paragraphs per corpus document
RAW_SAMPLE = 1000  # passages encoded bare (no cache) for the raw encoding rate, evenly sampled


def run_scale(config: Config, n: int, text_dir: Path | None = None, work_dir: Path | None = None) -> int:
    from explorer.ingest.embed_cache import CachedEncoder, EmbeddingCache
    from explorer.store.index import build_index, read_manifest
    from explorer.embedding.model import load_encoder

    if n < 100:
        raise ExplorerError(f"--scale {n} is too small to measure anything.", "Use at least 100 passages, e.g. --scale 2000.")
    work = Path(work_dir or Path(".bench") / f"scale-{n}").resolve()
    sources = [Path(text_dir)] if text_dir else [d for d in TEXT_SOURCES if d.is_dir()] or [PYTHON_DOCS]
    source = " + ".join(str(s) for s in sources)
    paragraphs = load_paragraphs(sources, n + QUERIES, work / "paragraphs.jsonl")
    docs, held_out = paragraphs[:n], paragraphs[n:n + QUERIES]
    queries = [" ".join(p.split()[:QUERY_WORDS]) for p in held_out]
    corpus = work / "corpus"
    write_corpus(docs, corpus)
    index = work / "index"
    bench_config = dataclasses.replace(config, corpus_dir=corpus, index_dir=index)

    load_before = os.getloadavg()[0]
    encoder = load_encoder(config)
    cache = EmbeddingCache(work / "embeddings.sqlite")
    bar = progress_bar()
    clock = ModelClock(encoder)
    cached = CachedEncoder(clock, cache)
    print(f"Building {len(docs):,} paragraphs from {source} in {work} …", file=sys.stderr)
    started = time.perf_counter()
    build_index(corpus, index, cached, config.exact_limit, progress=bar)
    build_s = time.perf_counter() - started
    manifest = read_manifest(index)
    passages = manifest["passage_count"]
    sample = raw_sample(index)
    encoder.encode(sample[:32])  # warm
    started = time.perf_counter()
    encoder.encode(sample)
    raw_rate = len(sample) / (time.perf_counter() - started)

    serving = _serve(bench_config, queries)
    ann = ann_table(index, encoder, queries, config.exact_limit)
    bm25 = bm25_table(index, queries)
    size = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
    load_after, cores = os.getloadavg()[0], os.cpu_count() or 1
    machine = (f"{cores} cores; 1-minute load average {load_before:.1f} at the start, {load_after:.1f} at the end"
               + (" (above the core count: other work distorted every timing)" if max(load_before, load_after) > cores
                  else " (the benchmark's own)"))
    print(report(n, source, work, passages, build_s, clock, raw_rate, cached, manifest, serving, size, ann, bm25, machine))
    from explorer.bench.haystack import haystack_table

    print(haystack_table(config, cached, corpus, work))
    from explorer.bench.layers_scale import layers_table

    print(layers_table(config, corpus, work, clock.seconds, clock.texts, raw_rate))
    cache.close()
    return 0


class ModelClock:
    """The encoder, timed: the seconds spent inside the model during the build, and on how many
    texts. Those texts/s are the raw encoding rate on exactly the build's texts, so build rate
    over it says what reading, splitting, caching, BM25 and writing cost. (A rate measured
    afterwards on a sample moves by +-20% with the sample's token lengths: 77 vs 92 texts/s
    for two 1,000-text samples of the same 100k collection, measured back to back.)"""

    def __init__(self, encoder):
        self.inner = encoder
        self.seconds = 0.0
        self.texts = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode(self, texts, batch_size: int = 32):
        started = time.perf_counter()
        vectors = self.inner.encode(texts, batch_size=batch_size)
        self.seconds += time.perf_counter() - started
        self.texts += len(vectors)
        return vectors


def raw_sample(index: Path) -> list[str]:
    """What the build embedded, sampled evenly across the whole collection: RAW_SAMPLE passages'
    embed_text (section and text), so the raw rate is measured on texts like the build's, not on
    the first (shorter or longer) documents alone."""
    from explorer.story.passages import Passage

    lines = [line for line in (index / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(lines) // RAW_SAMPLE)
    return [Passage(**json.loads(line)).embed_text for line in lines[::step][:RAW_SAMPLE]]


def load_paragraphs(sources: list[Path], wanted: int, saved: Path) -> list[str]:
    """Distinct prose paragraphs from the source folders, extracted once and kept in `saved`."""
    label = [str(s) for s in sources]
    if saved.is_file():
        kept = json.loads(saved.read_text(encoding="utf-8"))
        if kept.get("sources") == label and len(kept["paragraphs"]) >= wanted:
            return kept["paragraphs"][:wanted]
    for source in sources:
        if not source.is_dir():
            hint = ("Install it with `make bench-text` (Debian's python3-doc, linux-doc, postgresql-doc-15 and python-django-doc), or name a folder of "
                    ".html, .txt or .md files with --text-dir.") if source == PYTHON_DOCS else \
                "Name a folder of .html, .txt or .md files."
            raise ExplorerError(f"The text folder {source} does not exist.", hint)
    seen: dict[str, None] = {}
    files = [p for source in sources for p in sorted(source.rglob("*"))
             if p.suffix.lower() in (".html", ".htm", ".txt", ".md") and p.is_file()
             and not any(part.startswith(("_", ".")) for part in p.relative_to(source).parts)]
    for path in _progress(files, "reading text"):
        for paragraph in _file_paragraphs(path):
            if paragraph not in seen and is_prose(paragraph) and not is_heading(paragraph):
                seen[paragraph] = None
        if len(seen) >= wanted:
            break
    found = list(seen)[:wanted]
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps({"sources": label, "paragraphs": found}), encoding="utf-8")  # kept even if short
    if len(seen) < wanted:
        raise ExplorerError(f"{' + '.join(label)} holds {len(seen):,} distinct prose paragraphs; {wanted:,} are needed "
                            f"({wanted - QUERIES:,} passages and {QUERIES} held out for queries).",
                            "Choose a smaller --scale, install more text (`make bench-text` adds the kernel's, "
                            "PostgreSQL's and Django's documentation), or name a bigger folder with --text-dir.")
    return found


def _file_paragraphs(path: Path) -> list[str]:
    """A file's paragraphs: HTML through explorer.ingest.extract (main text only), other files as they are."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        from explorer.ingest.extract.base import Limits
        from explorer.ingest.extract.web import extract_html

        try:
            text = "\n\n".join(d.text for d in extract_html(text, path.name, Limits(), "", []))
        except ExplorerError:
            return []
        return _unwrap(text.split("\n"))
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _unwrap(lines: list[str]) -> list[str]:
    """Paragraphs from extracted lines: some pages keep their source's line wrapping, so a line
    that does not end a sentence is joined to the next (a short one is a heading: dropped)."""
    paragraphs, current = [], []
    for line in (" ".join(raw.split()) for raw in lines):
        if not line:
            continue
        if not current and len(line.split()) <= 6 and not line.endswith(SENTENCE_END):
            continue
        current.append(line)
        if line.endswith(SENTENCE_END):
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs + ([" ".join(current)] if current else [])


def write_corpus(paragraphs: list[str], corpus: Path) -> None:
    """The paragraphs as text documents of PER_DOCUMENT paragraphs (as `collection add` writes them).
    Files already there with the same content are left alone, so a rerun keeps the fingerprint."""
    corpus.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for number, start in enumerate(range(0, len(paragraphs), PER_DOCUMENT)):
        doc_id = f"part-{number:05d}"
        record = {"id": doc_id, "title": f"Benchmark text, part {number + 1}", "kind": "document",
                  "source_note": "Benchmark text (explorer bench --scale).", "text_file": f"{doc_id}.txt"}
        for name, content in ((f"{doc_id}.txt", "\n".join(paragraphs[start:start + PER_DOCUMENT]) + "\n"),
                              (f"{doc_id}.json", json.dumps(record, indent=2))):
            wanted.add(name)
            path = corpus / name
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                path.write_text(content, encoding="utf-8")
    for path in corpus.iterdir():
        if path.name not in wanted:
            path.unlink()


SERVE = """
import json, sys, time
started = time.perf_counter()
from explorer import settings
from explorer.search.engine import Engine, MODES
imported = time.perf_counter()
config = settings.load()
engine = Engine.open(config, build=False)
opened = time.perf_counter()
queries = json.loads(sys.stdin.read())
engine.search(queries[0])
engine.search(queries[1], mode="keyword")
out = {"imports_s": imported - started, "open_s": opened - imported, "modes": {}}
for mode in MODES:
    times = []
    for q in queries:
        engine.encoder.clear_cache()
        t = time.perf_counter()
        engine.search(q, mode=mode, k=10)
        times.append((time.perf_counter() - t) * 1000)
    out["modes"][mode] = times
status = dict(line.split(":", 1) for line in open("/proc/self/status") if line.startswith(("VmRSS", "VmHWM")))
out["rss_mb"] = int(status["VmRSS"].split()[0]) / 1024
out["peak_rss_mb"] = int(status["VmHWM"].split()[0]) / 1024
print(json.dumps(out))
"""


def _serve(config: Config, queries: list[str]) -> dict:
    """A fresh process opens the index (cold open), loads the model and answers every query in
    every mode, as the app's server would; it reports its own timings and memory."""
    done = subprocess.run([sys.executable, "-c", SERVE], input=json.dumps(queries), capture_output=True, text=True,
                          env=child_environment(config), cwd=settings.ROOT)
    if done.returncode:
        raise ExplorerError("The serving process of the benchmark failed.", done.stderr.strip()[-800:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def ann_table(index: Path, encoder, queries: list[str], exact_limit: int) -> list[dict]:
    """Recall@10 of each FAISS index type against exact search, on the real queries' vectors."""
    from explorer.store.faiss_store import make_ann

    vectors = np.ascontiguousarray(np.load(index / "vectors.npy", mmap_mode="r"), dtype=np.float32)
    probes = encoder.encode_queries(queries)
    truth = [set(np.argsort(-(vectors @ q))[:10]) for q in probes]
    rows = []
    for kind in ("flat", "hnsw", "ivf"):
        started = time.perf_counter()
        ann = make_ann(vectors, None if kind == "flat" else kind)
        built = time.perf_counter() - started
        latencies, recalls = [], []
        for q, exact in zip(probes, truth):
            t = time.perf_counter()
            if ann is None:
                found = set(np.argpartition(-(vectors @ q), 10)[:10])
            else:
                found = set(ann.search(q[None, :], 10)[1][0])
            latencies.append((time.perf_counter() - t) * 1000)
            recalls.append(len(found & exact) / 10)
        rows.append({"kind": kind, "build_s": built, "p50": _p(latencies, 50), "p95": _p(latencies, 95),
                     "recall": float(np.mean(recalls)),
                     "used": (kind == "flat") == (len(vectors) <= exact_limit) and kind != "ivf"})
        del ann
    return rows


def bm25_table(index: Path, queries: list[str]) -> list[dict]:
    """bm25s (used) against explorer/bench/bm25_reference.py: build, memory, latency, and whether the top 10 agree."""
    from explorer.bench.bm25_reference import BM25
    from explorer.store.index import FaissStore
    from explorer.store import keyword_text
    from explorer.store.faiss_store import build_bm25
    from explorer.text import terms_of

    passages = FaissStore.open(index).all_passages
    texts = [keyword_text(p) for p in passages]
    terms = [terms_of(q) for q in queries]
    rows, tops = [], []
    for name in ("bm25s (used)", "explorer/bench/bm25_reference.py"):
        before = _rss_mb()
        started = time.perf_counter()
        if name.startswith("bm25s"):
            docs = [terms_of(t) for t in texts]
            score = _bm25s_scores(build_bm25(docs), len(texts))
        else:
            score = BM25(texts).scores
        built = time.perf_counter() - started
        grew = _rss_mb() - before
        latencies, top = [], []
        for q in terms:
            t = time.perf_counter()
            s = score(q)
            best = np.argsort(-s, kind="stable")[:10]
            latencies.append((time.perf_counter() - t) * 1000)
            top.append([int(j) for j in best if s[j] > 0])
        tops.append(top)
        rows.append({"name": name, "build_s": built, "rss_mb": max(grew, 0.0), "p50": _p(latencies, 50),
                     "p95": _p(latencies, 95)})
        del score
    same = np.mean([set(a) == set(b) for a, b in zip(*tops)])
    for row in rows:
        row["same_top10"] = same
    return rows


def _bm25s_scores(model, size: int):
    def score(terms):
        known = [t for t in dict.fromkeys(terms) if t in model.vocab_dict]
        return np.asarray(model.get_scores(known), np.float32) if known else np.zeros(size, np.float32)

    return score


def report(n, source, work, passages, build_s, clock, raw_rate, cached, manifest, serving, size, ann, bm25, machine) -> str:
    rate = passages / build_s
    if clock.texts and clock.seconds > 0:
        reference, basis = clock.texts / clock.seconds, "(inside the build)"
        in_build = f"{reference:,.0f} passages/s ({clock.texts:,} texts in {clock.seconds:,.1f} s)"
    else:  # everything came from the cache: only the sample measures the model
        reference, basis = raw_rate, "(after the build; nothing was encoded during it)"
        in_build = "nothing encoded (all from the cache)"
    modes = serving["modes"]
    lines = [
        f"\n### Scale on real text: {passages:,} passages\n",
        f"Text: {source} ({n:,} distinct prose paragraphs, {PER_DOCUMENT} per document; {QUERIES} other "
        f"paragraphs' first {QUERY_WORDS} words are the queries). Work folder: {work}. "
        f"Index type used: {manifest.get('index_type')} (exact up to EXPLORER_EXACT_LIMIT passages). Machine: {machine}.\n",
        "| what | value | target at 100k |", "|---|---|---|",
        f"| raw model encoding, timed inside the build (its own texts, time in the model only) | {in_build} | |",
        f"| raw model encoding after the build ({RAW_SAMPLE:,} of its texts sampled across it, no cache; a cross-check) "
        f"| {raw_rate:,.0f} passages/s | |",
        f"| build: read, split, embed, BM25, FAISS, write | {rate:,.0f} passages/s = {rate / reference:.0%} of raw {basis} "
        f"({build_s:,.1f} s, {max(0.0, build_s - clock.seconds):,.1f} s of it outside the model; {cached.encoded:,} texts "
        f"embedded, {cached.reused:,} from the cache) | >= 90% of raw |",
    ]
    for mode in ("hybrid", "semantic", "keyword"):
        target = "p50 <= 25 ms, p95 <= 60 ms" if mode == "hybrid" else "p95 <= 60 ms"
        lines.append(f"| warm query, {mode} (ms) | p50 {_p(modes[mode], 50):.1f}, p95 {_p(modes[mode], 95):.1f} | {target} |")
    lines += [
        f"| cold open: Engine.open in a new process | {serving['open_s']:.2f} s (+ {serving['imports_s']:.2f} s imports) | <= 5 s |",
        f"| RSS of the serving process after all queries | {serving['rss_mb']:,.0f} MB (peak {serving['peak_rss_mb']:,.0f} MB) | <= 1.5 GB |",
        f"| index size on disk | {size / 2**20:,.1f} MB | |",
        "",
        "Build rate counts passages, over the whole build; if texts came from the cache (a resumed or repeated run), "
        "it is not an encoding rate: delete embeddings.sqlite in the work folder for a fresh measurement. Queries: the "
        "embedding is computed every time (cache cleared), k=10, highlights included (marks by words, or by stored "
        "sentence vectors; a search embeds nothing but the query). Cold open: the index files are in the page cache (just written).",
        f"\n#### FAISS index types on these embeddings ({QUERIES} real queries, k=10)\n",
        "| index | build s | search p50 ms | search p95 ms | recall@10 vs exact | used at this size |", "|---|---|---|---|---|---|",
    ]
    labels = {"flat": "exact (numpy over mapped vectors)", "hnsw": "HNSW (M=32, efSearch=128)", "ivf": "IVF-Flat (nprobe=16)"}
    for row in ann:
        lines.append(f"| {labels[row['kind']]} | {row['build_s']:.2f} | {row['p50']:.2f} | {row['p95']:.2f} | "
                     f"{row['recall']:.3f} | {'yes' if row['used'] else ''} |")
    lines += ["\n#### BM25 over the explorer's terms\n",
              "| library | build s | RSS growth MB | score+top10 p50 ms | p95 ms | same top-10 set |", "|---|---|---|---|---|---|"]
    for row in bm25:
        lines.append(f"| {row['name']} | {row['build_s']:.2f} | {row['rss_mb']:.0f} | {row['p50']:.2f} | {row['p95']:.2f} | "
                     f"{row['same_top10']:.0%} of queries |")
    return "\n".join(lines)


def _progress(items, label):
    from tqdm import tqdm

    return tqdm(items, desc=label, unit="file", file=sys.stderr)


def _p(values, q) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
