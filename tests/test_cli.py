"""The CLI contract of DESIGN.md: commands, formats, exit codes, errors on stderr."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test runs the command line in a child process

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def test_build_says_the_index_is_up_to_date(engine):
    result = cli("build")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_passages_jsonl_lists_every_passage_with_metadata():
    result = cli("passages", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(rows) > 50
    assert {"id", "doc", "title", "locator", "text", "principle", "source_url"} <= set(rows[0])


def test_search_json_hits_carry_the_contract_fields(engine):
    result = cli("search", "How much did Microsoft invest in Mistral?", "--format", "json", "--k", "3")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert len(hits) == 3
    for field in ("id", "doc", "title", "locator", "text", "score", "principle", "source_url", "why", "highlights"):
        assert field in hits[0], field


def test_batch_prints_one_json_line_per_query(tmp_path, engine):
    batch = tmp_path / "queries.txt"
    batch.write_text("egress fees\n\nAFL-CIO\n", encoding="utf-8")
    result = cli("search", "--batch", str(batch), "--format", "jsonl", "--mode", "keyword", "--k", "2")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and [line["query"] for line in lines] == ["egress fees", "AFL-CIO"]
    assert all(len(line["hits"]) <= 2 for line in lines)


def test_unknown_doc_lists_valid_ones_on_stderr(engine):
    result = cli("search", "data", "--doc", "nope")
    assert result.returncode == 1 and result.stdout == ""
    assert "Unknown document 'nope'" in result.stderr and "principles" in result.stderr


def test_bad_k_and_missing_query_fail_with_a_sentence(engine):
    assert "between 1 and 50" in cli("search", "x", "--k", "0").stderr
    assert "Give either a QUERY or --batch" in cli("search").stderr


def test_missing_model_is_one_sentence_saying_what_to_do(tmp_path):
    result = cli("build", env={"EXPLORER_MODEL": str(tmp_path / "no-such-model"), "EXPLORER_INDEX_DIR": str(tmp_path / "index")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not on this machine and nothing is downloaded" in result.stderr and "EXPLORER_MODEL" in result.stderr


def test_malformed_corpus_record_stops_the_build_naming_file_and_record(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    principles = corpus / "principles.json"
    data = json.loads(principles.read_text(encoding="utf-8"))
    data["records"][5]["text"] = ""
    principles.write_text(json.dumps(data), encoding="utf-8")
    result = cli("build", env={"EXPLORER_CORPUS_DIR": str(corpus), "EXPLORER_INDEX_DIR": str(tmp_path / "index")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "principles.json, record 6 (number 6): empty text" in result.stderr


def test_collection_show_lists_the_documents_with_their_ids_as_json(config):
    import json
    import subprocess
    import sys

    from explorer.story.corpus import load_corpus

    done = subprocess.run([sys.executable, "-m", "explorer", "collection", "show", "mistral", "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert [d["id"] for d in shown["documents"]] == [d.id for d in load_corpus(config.corpus_dir)]
    assert shown["read_only"] is True and shown["title"]
