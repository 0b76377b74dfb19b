"""The same question gets the same hits and scores alone, in any batch, and in the CLI.

With the int8 model, encoding queries in one batch made each query's embedding depend on its
neighbours (padding and per-batch activation scales). These tests shuffle a batch of the gold
questions and compare every query with its single search, with the embedding cache cleared so
that each side really encodes.
"""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.bench import GOLD

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [json.loads(line)["question"] for line in GOLD.read_text().splitlines()
             if line.strip()][:24]


def _hits(result) -> list:
    return [(h.passage.id, round(float(h.score), 4)) for h in result.hits]


@pytest.fixture(scope="module")
def singles(engine):
    found = {}
    for question in QUESTIONS:
        engine.encoder.clear_cache()
        found[question] = _hits(engine.search(question, mode="semantic"))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_shuffled_batch_gives_each_query_its_single_search_hits_and_scores(engine, singles, seed):
    batch = QUESTIONS[:]
    random.Random(seed).shuffle(batch)
    engine.encoder.clear_cache()
    results = engine.search_batch(batch, mode="semantic")
    assert {r.query: _hits(r) for r in results} == singles


def test_the_cli_batch_gives_the_same_hits_and_scores_as_single_searches(engine, singles, tmp_path):
    batch = QUESTIONS[:]
    random.Random(7).shuffle(batch)
    path = tmp_path / "questions.txt"
    path.write_text("\n".join(batch) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "explorer", "search", "--batch", str(path), "--mode", "semantic"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    got = {line["query"]: [(h["id"], h["score"]) for h in line["hits"]] for line in lines}
    assert got == singles
