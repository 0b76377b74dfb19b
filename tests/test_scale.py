"""Scale code paths at a small N: one text embedded per passage, the memory-mapped open, a
killed build resumed from the embedding cache, build progress, and the benchmark's text."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from explorer.ingest.embed_cache import CachedEncoder, EmbeddingCache
from explorer.errors import ExplorerError
from explorer.store.index import SENTENCE_KINDS, build_index, load_index
from explorer.text import sentence_spans
from tests.fakes import HashEncoder

ROOT = Path(__file__).resolve().parent.parent


class Killed(Exception):
    pass


class CountingEncoder(HashEncoder):
    """Counts the texts it embeds; raises Killed once it has embedded `die_after` texts."""

    def __init__(self, die_after: int | None = None):
        self.texts, self.die_after = 0, die_after

    def encode(self, texts, batch_size=32):
        if self.die_after is not None and self.texts + len(texts) > self.die_after:
            raise Killed()
        self.texts += len(texts)
        return super().encode(texts, batch_size)


def documents_corpus(folder: Path, documents: int, paragraphs: int) -> Path:
    """A corpus of user documents (kind "document"), each paragraph several sentences long."""
    folder.mkdir(parents=True)
    for d in range(documents):
        body = "\n".join(f"Paragraph {p} of document {d} says one thing. It then says another thing about "
                         f"topic {p * 7 % 13}. A third sentence closes it." for p in range(paragraphs))
        (folder / f"doc-{d}.txt").write_text(body + "\n", encoding="utf-8")
        (folder / f"doc-{d}.json").write_text(json.dumps({
            "id": f"doc-{d}", "title": f"Document {d}", "kind": "document", "text_file": f"doc-{d}.txt",
            "source_note": "Planted for tests."}), encoding="utf-8")
    return folder


def test_a_large_collection_build_embeds_one_text_per_passage(tmp_path, monkeypatch):
    from explorer.store import index as index_module

    corpus = documents_corpus(tmp_path / "corpus", documents=3, paragraphs=40)
    monkeypatch.setattr(index_module, "SENTENCE_ALL_LIMIT", 100)  # these 120 passages are a "large" collection
    encoder = CountingEncoder()
    manifest = build_index(corpus, tmp_path / "index", encoder, exact_limit=50_000)
    assert manifest["passage_count"] > 100 and "document" not in manifest["sentence_kinds"]
    assert encoder.texts == manifest["passage_count"]  # not one per sentence (each has three)


def test_a_small_collection_stores_every_documents_sentences_and_search_scores_them(tmp_path):
    """Under SENTENCE_ALL_LIMIT an upload's paragraphs are scored by their best sentence, as the
    story's article is: the index holds one vector per sentence, and the engine reads them."""
    corpus = documents_corpus(tmp_path / "corpus", documents=2, paragraphs=10)
    encoder = CountingEncoder()
    manifest = build_index(corpus, tmp_path / "index", encoder, exact_limit=50_000)
    loaded = load_index(tmp_path / "index", "hash-encoder", corpus)
    sentences = sum(len(sentence_spans(p.text)) for p in loaded.passages)
    assert "document" in manifest["sentence_kinds"] and len(loaded.sentence_vectors) == sentences
    assert encoder.texts == len(loaded.passages) + sentences

    from explorer.search.engine import Engine
    from explorer.settings import Config

    config = Config(model="hash-encoder", quantize=False, corpus_dir=corpus, index_dir=tmp_path / "index")
    engine = Engine(loaded, config, HashEncoder())
    passage = next(p for p in loaded.passages if p.doc == "doc-1" and p.position == 4)
    a, b = sentence_spans(passage.text)[0]
    sentence = passage.text[a:b]  # its own first sentence, word for word
    own = next(h for h in engine.search(sentence, mode="semantic", k=len(loaded.passages)).hits if h.passage.id == passage.id)
    whole = float(HashEncoder().encode([passage.embed_text])[0] @ HashEncoder().encode([sentence])[0])
    assert whole < 0.95 and own.why["semantic_score"] == pytest.approx(1.0, abs=1e-3)  # scored by the sentence


def test_open_memory_maps_vectors_and_reads_no_text_per_query_passage(tmp_path):
    corpus = documents_corpus(tmp_path / "corpus", documents=2, paragraphs=10)
    build_index(corpus, tmp_path / "index", HashEncoder(), exact_limit=50_000)
    loaded = load_index(tmp_path / "index", "hash-encoder", corpus)
    assert isinstance(loaded.store.vectors, np.memmap)
    assert isinstance(loaded.sentence_vectors, np.memmap)


def test_a_killed_build_resumes_from_the_embedding_cache(tmp_path):
    corpus = documents_corpus(tmp_path / "corpus", documents=2, paragraphs=1500)  # several encode chunks
    cache_path = tmp_path / "embeddings.sqlite"
    first = CountingEncoder(die_after=2000)
    with pytest.raises(Killed):
        build_index(corpus, tmp_path / "index", CachedEncoder(first, EmbeddingCache(cache_path)), exact_limit=50_000)
    assert not (tmp_path / "index" / "manifest.json").exists()  # nothing half-built is served
    second = CountingEncoder()
    cached = CachedEncoder(second, EmbeddingCache(cache_path))
    manifest = build_index(corpus, tmp_path / "index", cached, exact_limit=50_000)
    assert first.texts > 0 and cached.reused == first.texts
    assert second.texts == manifest["passage_count"] - first.texts  # only what the killed run had not stored
    load_index(tmp_path / "index", "hash-encoder", corpus)


def test_build_reports_progress_to_the_end(tmp_path):
    corpus = documents_corpus(tmp_path / "corpus", documents=2, paragraphs=700)
    seen = []
    encoder = CountingEncoder()
    build_index(corpus, tmp_path / "index", encoder, exact_limit=50_000,
                progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (None, encoder.texts)  # finished, counted in texts embedded
    steps = [done for done, _ in seen[:-1]]
    assert len(steps) >= 2 and steps == sorted(steps) and steps[-1] == encoder.texts


def test_benchmark_text_is_distinct_prose_and_a_missing_folder_says_what_to_do(tmp_path):
    from explorer.bench.scale import load_paragraphs, write_corpus

    folder = tmp_path / "text"
    folder.mkdir()
    prose = [f"This is paragraph number {i} of a plain text file, written in ordinary English words for the test." for i in range(30)]
    (folder / "a.txt").write_text("\n\n".join(prose + prose[:5] + ["x = 1; y = 2;"]), encoding="utf-8")
    (folder / "page.html").write_text("<html><body><article><p>" + "</p><p>".join(
        f"An HTML paragraph, number {i}, long enough to count as prose for the benchmark here." for i in range(10))
        + "</p></article></body></html>", encoding="utf-8")
    found = load_paragraphs([folder], 35, tmp_path / "saved.jsonl")
    assert len(found) == len(set(found)) == 35 and "x = 1; y = 2;" not in found
    write_corpus(found, tmp_path / "corpus")
    assert len(list((tmp_path / "corpus").glob("*.txt"))) == 1
    with pytest.raises(ExplorerError, match="distinct prose paragraphs"):
        load_paragraphs([folder], 500, tmp_path / "other.jsonl")
    with pytest.raises(ExplorerError, match="does not exist"):
        load_paragraphs([tmp_path / "nowhere"], 10, tmp_path / "none.jsonl")


def test_bench_scale_options_are_checked_before_any_work(capsys):
    from explorer.cli.commands import main

    assert main(["bench", "--text-dir", "somewhere"]) == 1
    assert "--scale" in capsys.readouterr().err
    assert main(["bench", "--scale", "5"]) == 1
    assert "too small" in capsys.readouterr().err


def test_phrase_without_a_whole_word_is_found_and_filtered(engine):
    """A phrase with no whole term ("Micros" is cut) cannot use the keyword index: every passage
    the filter allows is read, and the filter still applies."""
    anywhere = engine.search('"Micros"', mode="keyword", k=50)
    assert anywhere.hits and all("micros" in h.passage.text.lower() for h in anywhere.hits)
    kinds = {h.passage.kind for h in anywhere.hits}
    only = engine.search('"Micros"', mode="keyword", k=50, kind="event")
    assert len(kinds) > 1 and only.hits and {h.passage.kind for h in only.hits} == {"event"}


def test_bench_scale_reports_the_build_against_the_models_own_time_on_the_build_texts():
    """The build's rate is compared with the model's rate on the same texts, timed inside the
    build; only when nothing was encoded (all cached) does the after-build sample stand in."""
    from types import SimpleNamespace

    from explorer.bench.scale import ModelClock, report

    clock = ModelClock(HashEncoder())
    vectors = clock.encode([f"text {i}" for i in range(40)])
    assert len(vectors) == clock.texts == 40 and clock.seconds > 0
    clock.seconds = 2.0  # 20 texts/s inside the model
    serving = {"modes": {m: [1.0, 2.0] for m in ("hybrid", "semantic", "keyword")},
               "open_s": 1.0, "imports_s": 0.1, "rss_mb": 700, "peak_rss_mb": 710}
    cached = SimpleNamespace(encoded=40, reused=0)
    args = dict(n=40, source="text", work="w", passages=40, build_s=2.5, raw_rate=99.0, cached=cached,
                manifest={"index_type": "IndexFlatIP"}, serving=serving, size=1, ann=[], bm25=[], machine="m")
    table = report(clock=clock, **args)
    assert "16 passages/s = 80% of raw (inside the build)" in table and "0.5 s of it outside the model" in table
    nothing = ModelClock(HashEncoder())
    assert "= 16% of raw (after the build" in report(clock=nothing, **args)


@pytest.mark.slow
def test_bench_scale_reports_the_derived_layers_over_the_whole_collection_and_a_rerun_reads_the_cache(tmp_path):
    """Every passage of the scale collection is extracted once and merged whole; a second run
    computes nothing and says so."""
    from explorer import settings
    from explorer.bench.layers_scale import layers_table
    from explorer.bench.scale import write_corpus

    firms = ["Harrow Vale Instruments Ltd", "Quillon Freight", "Ostrava Mills", "Pellmore Bank"]
    people = ["Maren Olsby", "Tobias Venn", "Ilse Marrow"]
    paragraphs = [f"On {1 + i % 27} March 2025 {firms[i % 4]} said it would open a plant, chief executive "
                  f"{people[i % 3]} told staff in note {i}." for i in range(60)]
    corpus = tmp_path / "corpus"
    write_corpus(paragraphs, corpus)
    config = settings.load()
    first = layers_table(config, corpus, tmp_path, model_seconds=2.0, model_texts=60, raw_rate=30.0)
    assert "entities: 60 passages extracted" in first and "time inside the model during this build) | 2.0 |" in first
    assert "Harrow" not in first  # the table reports counts and times, never document text
    merged = [line for line in first.splitlines() if line.startswith("| merging name variants")]
    assert merged and not merged[0].startswith("| merging name variants into 0 ")
    second = layers_table(config, corpus, tmp_path, model_seconds=0.0, model_texts=0, raw_rate=30.0)
    assert "entities: all 60 passages already cached" in second and "estimated: 60 passages at the raw rate" in second
    partly = layers_table(config, corpus, tmp_path, model_seconds=0.1, model_texts=3, raw_rate=30.0)
    assert "estimated: 60 passages at the raw rate of 30/s (this build read most vectors from the cache)) | 2.0 |" in partly


def test_a_small_collection_indexed_before_every_sentence_was_stored_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    """An index written when documents kept one text per passage is stale for this rule, so the app
    rebuilds it (ui.building) instead of searching it without its documents' sentences."""
    from explorer.errors import StaleIndexError
    from explorer.store import index as index_module

    corpus = documents_corpus(tmp_path / "corpus", documents=1, paragraphs=5)
    monkeypatch.setattr(index_module, "SENTENCE_ALL_LIMIT", 0)  # as built before the rule
    build_index(corpus, tmp_path / "index", HashEncoder(), exact_limit=50_000)
    monkeypatch.undo()
    with pytest.raises(StaleIndexError):
        load_index(tmp_path / "index", "hash-encoder", corpus)
