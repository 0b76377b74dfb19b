"""The CLI reads what it is given as UTF-8 with replacement and says when it replaced bytes:
a Latin-1 batch file, an argument of invalid bytes, a lone surrogate. Never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

from explorer import cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    """The CLI as a shell runs it: arguments may be raw bytes."""
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, capture_output=True, timeout=300,
                          env=os.environ.copy())


def test_a_latin1_batch_file_is_searched_with_a_note_on_the_replaced_bytes(tmp_path, engine):
    batch = tmp_path / "latin1.txt"
    batch.write_bytes("Régulateurs européens\negress fees\n".encode("latin-1"))
    done = run("search", "--batch", str(batch), "--mode", "keyword", "--k", "3")
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr and "not valid UTF-8" in stderr and "2 byte sequences" in stderr
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [line["query"] for line in lines] == ["R\ufffdgulateurs europ\ufffdens", "egress fees"]
    assert lines[1]["hits"], "the valid line is searched as usual"


def test_a_utf8_batch_file_gets_no_note(tmp_path, engine):
    batch = tmp_path / "utf8.txt"
    batch.write_text("Régulateurs européens\n", encoding="utf-8")
    done = run("search", "--batch", str(batch), "--mode", "keyword")
    assert done.returncode == 0 and b"note:" not in done.stderr
    assert json.loads(done.stdout.decode().splitlines()[0])["query"] == "Régulateurs européens"


def test_an_argument_of_invalid_bytes_is_searched_with_a_note(engine):
    done = run("search", b"Mistral \xff\xfe\x80 investment", "--format", "json", "--mode", "keyword")
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr and "the query" in stderr and "not valid UTF-8" in stderr
    result = json.loads(done.stdout.decode())
    assert result["query"].startswith("Mistral \ufffd") and result["hits"]


def test_an_argument_of_invalid_bytes_searched_by_meaning_is_not_a_tokenizer_traceback(engine):
    done = run("search", b"\xff\xfe\x00\x01"[:2] + b" egress", "--format", "json", "--mode", "hybrid", "--k", "2")
    assert done.returncode == 0, done.stderr.decode()
    assert "Traceback" not in done.stderr.decode() and json.loads(done.stdout.decode())["hits"]


def test_a_lone_surrogate_argument_gets_a_note_not_a_traceback(engine, capsys):
    code = cli.main(["search", "egress \ud800 fees", "--format", "json", "--mode", "keyword"])
    captured = capsys.readouterr()
    assert code == 0
    assert "not valid UTF-8" in captured.err
    assert json.loads(captured.out)["query"] == "egress \ufffd fees"


def test_a_binary_batch_file_is_refused_in_one_sentence(tmp_path, engine):
    batch = tmp_path / "image.bin"
    batch.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    done = run("search", "--batch", str(batch))
    assert done.returncode == 1 and b"is binary, not text" in done.stderr and b"Traceback" not in done.stderr


def test_batch_with_format_text_or_json_is_refused_not_silently_jsonl(tmp_path, engine):
    batch = tmp_path / "queries.txt"
    batch.write_text("egress fees\n", encoding="utf-8")
    for fmt in ("text", "json"):
        done = run("search", "--batch", str(batch), "--format", fmt)
        assert done.returncode == 1 and not done.stdout
        assert f"--format {fmt} is for one query".encode() in done.stderr
