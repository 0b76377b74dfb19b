"""Corpus validation: every malformed record stops the build with file and record named.

Pinned to the bundled story's ids (seoul-commitments, european-digital-commitments) on purpose: they
check the shipped corpus itself (its records, sources and the figures its texts state), so a change
to those files must show here.
"""

import json
import shutil
from pathlib import Path

import pytest

from explorer.story.corpus import fingerprint, load_corpus
from explorer.errors import CorpusError

ROOT = Path(__file__).resolve().parent.parent


def write_records(folder: Path, records, name="doc.json", **extra):
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"id": "doc", "title": "A document", "kind": "framework", "source_url": "https://example.org", **extra,
           "records": records}
    (folder / name).write_text(json.dumps(doc), encoding="utf-8")
    return folder / name


def record(number=1, **overrides):
    return {"number": number, "title": "T", "text": "Some text.", "source_url": "https://example.org/x", **overrides}


def test_real_corpus_loads_with_every_record_sourced():
    docs = load_corpus(ROOT / "corpus")
    assert {"article", "principles", "tenets"} <= {d.id for d in docs}
    for doc in docs:
        assert doc.source_url or doc.meta.get("source_note"), doc.id
        for r in doc.records:
            assert r.source_url.startswith("http"), (doc.id, r.number)


def test_real_principles_are_numbered_1_to_11_in_three_groups():
    principles = next(d for d in load_corpus(ROOT / "corpus") if d.id == "principles")
    assert [r.number for r in principles.records] == list(range(1, 12))
    assert [g.numbers for g in principles.groups] == [(1, 2), (3, 4, 5, 6, 7), (8, 9, 10, 11)]


@pytest.mark.parametrize("bad, problem", [
    (record(title=None), "missing field 'title'"),
    (record(text="   "), "empty text"),
    (record(source_url=None), "missing field 'source_url'"),
    (record(source_url="example.org"), "http(s) URL"),
    (record(number="one"), "whole number"),
])
def test_bad_record_names_file_and_record(tmp_path, bad, problem):
    path = write_records(tmp_path, [record(1), {**bad, "number": bad["number"] if bad["number"] != 1 else 2}])
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    message = str(error.value)
    assert str(path) in message and "record 2" in message and problem in message


def test_duplicate_principle_number_is_refused(tmp_path):
    write_records(tmp_path, [record(3), record(3)])
    with pytest.raises(CorpusError, match=r"record 2 \(number 3\).*duplicate number 3"):
        load_corpus(tmp_path)


def test_missing_document_field_and_invalid_json_are_named(tmp_path):
    (tmp_path / "broken.json").write_text('{"id": "x", "title": ', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.json, line 1: not valid JSON"):
        load_corpus(tmp_path)
    (tmp_path / "broken.json").write_text(json.dumps({"id": "x", "kind": "k", "source_url": "https://a", "records": [record()]}))
    with pytest.raises(CorpusError, match="missing or empty field 'title'"):
        load_corpus(tmp_path)


def test_empty_article_text_is_refused(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "title": "A", "kind": "news article", "source_note": "n", "text_file": "a.txt"}))
    (tmp_path / "a.txt").write_text("  \n")
    with pytest.raises(CorpusError, match="text is empty"):
        load_corpus(tmp_path)


def test_fingerprint_changes_with_any_indexed_byte(tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    before = fingerprint(tmp_path / "corpus")
    assert fingerprint(tmp_path / "corpus") == before
    text = tmp_path / "corpus" / "article.txt"
    text.write_text(text.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert fingerprint(tmp_path / "corpus") != before


def test_article_text_is_the_shared_source_minus_repeated_titles():
    original = (ROOT.parent / "shared" / "source" / "article.txt")
    if not original.exists():
        pytest.skip("shared/source/article.txt is not beside this checkout")
    kept = (ROOT / "corpus" / "article.txt").read_text(encoding="utf-8")
    source = original.read_text(encoding="utf-8")
    title = source.splitlines()[0]

    def body(text):
        return [line for line in text.splitlines() if line.strip() and line != title]

    assert kept.count(title) == 1 and source.count(title) == 3
    assert body(kept) == body(source)


# --- which source backs which claim ('sources') -------------------------------------------------

@pytest.mark.parametrize("bad, problem", [
    (record(source_urls=["https://example.org/x", "https://example.org/y"]), "needs 'sources'"),
    (record(sources=[{"url": "https://elsewhere.example", "backs": "the date"}]), "among the record's source URLs"),
    (record(sources=[{"url": "https://example.org/x", "backs": "  "}]), "'backs' text"),
    (record(sources=["https://example.org/x"]), "'backs' text"),
    (record(source_urls=["https://example.org/y"],
            sources=[{"url": "https://example.org/y", "backs": "the date"}]), "needs 'sources'"),
])
def test_bad_sources_name_file_and_record(tmp_path, bad, problem):
    path = write_records(tmp_path, [record(1), {**bad, "number": 2}])
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    message = str(error.value)
    assert str(path) in message and "record 2" in message and problem in message


def test_sources_saying_what_each_url_backs_are_accepted(tmp_path):
    write_records(tmp_path, [record(1, source_urls=["https://example.org/y"], sources=[
        {"url": "https://example.org/x", "backs": "the text"}, {"url": "https://example.org/y", "backs": "a figure"}])])
    assert load_corpus(tmp_path)[0].records[0].source_url == "https://example.org/x"


def _documents_and_claims():
    """Every JSON corpus object that lists sources: documents, their records, and fact-check claims."""
    for path in sorted((ROOT / "corpus").glob("*.json")) + sorted((ROOT / "corpus" / "frameworks").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "factchecks.json":
            for claim in raw["claims"]:
                yield f"{path.name} claim {claim['id']}", list(claim["source_urls"]), claim.get("sources")
            continue
        urls = [raw["source_url"], *raw.get("source_urls", [])] if raw.get("source_url") else []
        yield path.name, urls, raw.get("sources")
        for item in raw.get("records", []):
            yield f"{path.name} record {item['number']}", [item["source_url"], *item.get("source_urls", [])], \
                item.get("sources")


def test_every_multi_source_object_says_what_each_source_backs():
    """Documents and fact-check claims are not validated by explorer.story.corpus, so this is their check."""
    checked = 0
    for where, urls, backed in _documents_and_claims():
        urls = list(dict.fromkeys(urls))
        for entry in backed or []:
            assert entry["url"] in urls and entry["backs"].strip(), (where, entry)
        if len(urls) > 1:
            assert sorted(e["url"] for e in backed or []) == sorted(urls), where
            checked += 1
    assert checked >= 15


def _raw(name):
    return json.loads((ROOT / "corpus" / name).read_text(encoding="utf-8"))


def test_second_pass_primary_and_wire_sources_come_first():
    digital = _raw("frameworks/european-digital.json")
    microsoft = "https://blogs.microsoft.com/on-the-issues/2025/04/30/european-digital-commitments/"
    assert digital["source_url"] == microsoft and {r["source_url"] for r in digital["records"]} == {microsoft}
    claims = {c["id"]: c for c in _raw("factchecks.json")["claims"]}
    assert claims["e"]["source_urls"][0].startswith("https://azure.microsoft.com/")
    assert "theglobeandmail" in claims["a"]["source_urls"][0]
    assert "cnbcafrica" in _raw("frameworks/seoul-commitments.json")["source_urls"][0]
    egress = next(r for r in _raw("principles.json")["records"] if r["number"] == 7)
    assert any("ciodive" in u for u in egress["source_urls"])


def test_factcheck_notes_flag_what_rests_on_a_single_source():
    claims = {c["id"]: c for c in _raw("factchecks.json")["claims"]}
    assert "no primary document" in claims["a"]["notes"]
    assert "end of April 2023" in claims["b"]["notes"] and "May 2023" in claims["b"]["notes"]
    assert "UNCONFIRMED" in claims["d"]["notes"]  # AWS Bedrock rests on one analyst blog


def test_an_unreadable_corpus_file_is_a_corpus_error_naming_it(tmp_path):
    import shutil

    from explorer.story.corpus import load_corpus, read_json

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    folder = corpus / "principles.json"
    folder.unlink()
    folder.mkdir()  # a folder where a file should be: reading it raises IsADirectoryError
    with pytest.raises(CorpusError, match="principles.json"):
        read_json(folder)
    with pytest.raises(CorpusError, match="principles.json"):
        load_corpus(corpus)
