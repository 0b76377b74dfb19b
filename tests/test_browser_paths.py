"""Server paths never reach the browser: explorer.share.problems names files relative to the project."""

from pathlib import Path

import pytest

from explorer.share.problems import relative

ROOT = Path("/srv/explorer")


@pytest.mark.parametrize("text, expected", [
    ("/srv/explorer/corpus/timeline.csv, line 2: missing date.", "corpus/timeline.csv, line 2: missing date."),
    ("/data/stories/corpus/factchecks.json: not valid JSON.", "corpus/factchecks.json: not valid JSON."),
    ("/var/cache/idx/ is read-only; set EXPLORER_INDEX_DIR", "index/ is read-only; set EXPLORER_INDEX_DIR"),
    ("cannot open /etc/secret/key.pem", "cannot open key.pem"),
    ("No index found in /var/cache/idx.", "No index found in index."),
    ("No index found in /opt/elsewhere/fresh.", "No index found in fresh."),
    ("EUR 15/month since 2024/02, see https://example.org/a/b", "EUR 15/month since 2024/02, see https://example.org/a/b"),
])
def test_absolute_paths_become_project_relative(text, expected):
    folders = {"corpus": Path("/data/stories/corpus"), "index": Path("/var/cache/idx")}
    assert relative(text, folders, ROOT) == expected
