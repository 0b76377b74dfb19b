"""The background build's progress reaches the app: the child's reports are read back as a bar's
figures, a missing or garbled report means "not started yet", and the CLI writes the file."""

import subprocess
import sys

import pytest

from explorer.store import build_progress
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # each test runs a real build in a child process


def test_reports_are_read_back_with_a_rate_and_time_left(tmp_path):
    report = build_progress.FileReport(tmp_path / "progress")
    report(0, 400)
    assert build_progress.read(tmp_path / "progress").done == 0
    report(400, 400)  # the last text: written even inside the throttle window
    got = build_progress.read(tmp_path / "progress")
    assert (got.done, got.total, got.share) == (400, 400, 1.0)
    report(None, 400)
    assert build_progress.read(tmp_path / "progress").done == 400


def test_no_report_or_a_garbled_one_means_not_started(tmp_path):
    assert build_progress.read(tmp_path / "none") is None
    (tmp_path / "bad").write_text("12 of 40", encoding="ascii")
    assert build_progress.read(tmp_path / "bad") is None
    (tmp_path / "over").write_text("50 40 1.0", encoding="ascii")
    assert build_progress.read(tmp_path / "over") is None


def test_time_left_follows_the_rate():
    progress = build_progress.Progress(done=100, total=400, seconds=10.0)
    assert progress.rate == 10.0 and progress.seconds_left == 30.0
    assert build_progress.Progress(0, 400, 0.0).seconds_left is None


def test_the_build_command_writes_its_progress_file(tmp_path, config):
    """`build --progress-file` on a fresh index folder ends with a report of every text embedded."""
    report = tmp_path / "progress"
    env = {"EXPLORER_INDEX_DIR": str(tmp_path / "index"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "explorer", "build", "--progress-file", str(report)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    got = build_progress.read(report)
    assert got is not None and got.done == got.total > 0
