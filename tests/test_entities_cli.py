"""`python -m explorer entities` and `search --entity` on the bundled story."""
import csv
import io
import json

from tests.test_cli import cli


def test_entities_json_lists_typed_entities_by_frequency(engine):
    result = cli("entities", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    counts = [r["mentions"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    microsoft = next(r for r in rows if r["name"] == "Microsoft")
    assert microsoft["type"] == "organisation"


def test_entities_csv_of_one_type(engine):
    result = cli("entities", "--type", "money", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["type"] for r in rows} == {"money"}
    assert all(r["unit"] for r in rows)


def test_search_by_entity_keeps_only_passages_mentioning_it(engine):
    entity = json.loads(cli("entities", "--entity", "Mistral AI", "--format", "json").stdout)
    mentioned = {m["passage"] for m in entity["mentions"]}
    result = cli("search", "cloud computing", "--entity", "Mistral AI", "--format", "json", "--k", "10")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert hits and {h["id"] for h in hits} <= mentioned


def test_an_unknown_entity_is_a_sentence_not_a_traceback(engine):
    result = cli("search", "cloud", "--entity", "Nobody Atall")
    assert result.returncode == 1
    assert "No entity named" in result.stderr and "Traceback" not in result.stderr
