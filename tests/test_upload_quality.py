"""The bench's uploaded-article table asks every gold question with an article answer of the
upload, finds each answer paragraph there, and leaves the sentence rule as it found it."""

import json

import pytest

from explorer.bench import GOLD
from explorer.bench.evaluate import load_gold
from explorer.bench.upload_quality import upload_table
from explorer.store import index as index_module

pytestmark = pytest.mark.slow  # two builds of the bundled corpus with the real model


def test_the_upload_table_covers_every_article_question_under_both_rules(engine, tmp_path):
    gold = load_gold(GOLD)
    expected = sum(any(r.startswith("article:") for r in g["relevant"]) for g in gold)
    rule = index_module.SENTENCE_ALL_LIMIT
    table = upload_table(engine, gold, engine.encoder, tmp_path)
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| no") or line.startswith("| yes")]
    assert len(rows) == 4 and all(int(r[2]) == expected for r in rows)
    assert index_module.SENTENCE_ALL_LIMIT == rule
    manifests = {p.parent.name: json.loads(p.read_text()) for p in tmp_path.glob("index-*/manifest.json")}
    assert "document" in manifests[f"index-{rule}"]["sentence_kinds"]
    assert "document" not in manifests["index-0"]["sentence_kinds"]
