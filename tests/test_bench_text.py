"""The benchmark's real text: English prose paragraphs from what is installed, never random."""

import pytest

from explorer.bench.text import paragraphs

pytestmark = pytest.mark.slow  # it reads and splits a real-text corpus


def test_stdlib_docstrings_give_a_thousand_distinct_prose_paragraphs():
    found = paragraphs(1000)
    assert len(found) == 1000 and len(set(found)) == 1000
    assert all(12 <= len(p.split()) <= 180 for p in found)
    assert sum(" the " in p for p in found) > 600  # English prose (most paragraphs use "the"), not code


def test_a_named_folder_is_used_instead(tmp_path):
    (tmp_path / "a.md").write_text("A paragraph of plain English prose that is long enough to count as one here.\n\n"
                                   "x = 1\n", encoding="utf-8")
    assert paragraphs(10, tmp_path) == ["A paragraph of plain English prose that is long enough to count as one here."]
