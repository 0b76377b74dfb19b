"""File names and titles the CLI prints cannot drive the terminal: control characters and
bidirectional overrides are printed as visible escapes."""

import pytest

from explorer.cli import commands
from explorer.cli.output import printable
from tests.fakes import HashEncoder

HOSTILE = "memo\x1b]0;owned\x07\x1b[2J\u202etxt.exe.txt"


def test_printable_escapes_control_characters_and_keeps_text():
    assert printable("Décision ¶10 – “ok”") == "Décision ¶10 – “ok”"
    assert printable(HOSTILE) == "memo\\x1b]0;owned\\x07\\x1b[2J\\u202etxt.exe.txt"
    assert printable("a\tb\nc") == "a\\tb\\nc" and printable("a\nb", one_line=False) == "a\nb"


@pytest.mark.slow  # `collection add` extracts the new passages' entities with spaCy
def test_collection_add_and_show_print_a_hostile_file_name_escaped(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPLORER_COLLECTIONS_DIR", str(tmp_path / "collections"))
    monkeypatch.setattr("explorer.embedding.model.load_encoder", lambda config: HashEncoder())
    path = tmp_path / HOSTILE
    path.write_bytes(b"An invented note\x1b[31m about the harbour board.\n")
    assert commands.main(["collection", "create", "desk"]) == 0
    assert commands.main(["collection", "add", "desk", str(path)]) == 0
    assert commands.main(["collection", "show", "desk"]) == 0
    out = capsys.readouterr()
    for stream in (out.out, out.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    assert "memo\\x1b]0;owned\\x07" in out.out
