"""The comparison's contracts: `compare --doc --ref --format json|csv` and its JSON twin agree.

Pinned to the bundled story's ids (seoul-commitments) on purpose: the coverage method is checked
against the reviewed reading shipped with that story (corpus/reviews/), the only reviewed pairs
there are.
"""

import csv
import io
import json
import subprocess
import sys

import pytest

from explorer.share import views
from tests.conftest import ROOT
from tests.share_source import DirectSource

pytestmark = pytest.mark.slow  # the comparison runs with the real model, in child processes

BASE = "http://explorer.test"


def _cli(*args):
    done = subprocess.run([sys.executable, "-m", "explorer", "compare", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def cli_json():
    return json.loads(_cli("--doc", "article", "--ref", "oecd-ai", "--format", "json"))


def test_compare_json_names_both_readings_and_the_cross_validated_figures(cli_json):
    assert cli_json["reference"]["id"] == "oecd-ai" and cli_json["document"]["id"] == "article"
    assert len(cli_json["items"]) == 10
    assert {i["verdict"] for i in cli_json["items"]} <= {"discussed", "not discussed", "borderline"}
    reviewed = [i["number"] for i in cli_json["items"] if i["reviewed"]]
    assert reviewed == [1, 2, 3, 4, 7]  # corpus/reviews/coverage/oecd-ai.json
    assert cli_json["cv"]["items"] >= 11 and "f1" in cli_json["cv"]


def test_compare_csv_has_a_row_per_item():
    rows = list(csv.DictReader(io.StringIO(_cli("--doc", "article", "--ref", "seoul-commitments", "--format", "csv"))))
    assert len(rows) == 8 and {"item", "model", "reviewed", "evidence"} <= set(rows[0])


def test_an_unknown_reference_list_is_a_sentence_not_a_traceback():
    done = subprocess.run([sys.executable, "-m", "explorer", "compare", "--doc", "article", "--ref", "nope"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "nope" in done.stderr


def test_the_principles_twin_with_doc_and_ref_is_the_clis_comparison(engine, cli_json):
    payload = views.twin("principles", {"doc": ["article"], "ref": ["oecd-ai"]}, DirectSource(engine), BASE)
    got = payload["comparison"]
    assert [(i["number"], i["verdict"]) for i in got["items"]] == [(i["number"], i["verdict"]) for i in cli_json["items"]]
    assert payload["rows"][0]["item"] and "doc=article" in payload["url"]
