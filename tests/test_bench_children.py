"""The benchmark's child processes (the cold start and the scale run's serving process) run in
the project folder and open exactly the parent's index, whatever the working directory the
benchmark was started from (issue 24: they used the folder of explorer/ as their working
directory, as build_job.ROOT once did)."""

import dataclasses
import json
import subprocess
from pathlib import Path

from explorer import settings
from explorer.bench import run, scale


class Done:
    def __init__(self, stdout):
        self.returncode, self.stdout, self.stderr = 0, stdout, ""


def capture(monkeypatch, stdout):
    calls = []

    def fake_run(args, **kwargs):
        calls.append(kwargs)
        return Done(stdout)

    monkeypatch.setattr(subprocess, "run", fake_run)
    return calls


def relative_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return dataclasses.replace(settings.Config(), index_dir=Path("some-index"), corpus_dir=Path("some-corpus"))


def test_the_scale_runs_serving_process_starts_in_the_project_with_absolute_folders(tmp_path, monkeypatch):
    config = relative_config(tmp_path, monkeypatch)
    calls = capture(monkeypatch, json.dumps({"modes": {}}))
    scale._serve(config, ["a query"])
    (call,) = calls
    assert Path(call["cwd"]) == settings.ROOT and (settings.ROOT / "explorer" / "__main__.py").is_file()
    assert call["env"]["EXPLORER_INDEX_DIR"] == str(tmp_path / "some-index")
    assert call["env"]["EXPLORER_CORPUS_DIR"] == str(tmp_path / "some-corpus")


def test_the_cold_start_process_starts_in_the_project_with_absolute_folders(tmp_path, monkeypatch):
    config = relative_config(tmp_path, monkeypatch)
    calls = capture(monkeypatch, "0.5 0.25")
    run.cold_start_table(config)
    (call,) = calls
    assert Path(call["cwd"]) == settings.ROOT
    assert call["env"]["EXPLORER_INDEX_DIR"] == str(tmp_path / "some-index")
