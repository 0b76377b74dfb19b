"""The app's background build: one child process per index folder at a time, its failure as the
CLI's own sentence, and a read-only folder refused before anything starts."""

import sys

import pytest

from explorer.store import build_job
from explorer.errors import IndexNotWritableError
from explorer.settings import Config


@pytest.fixture
def command(monkeypatch):
    """Stand-in builds (a child process that sleeps, or fails as the CLI does), no model."""
    def use(code: str):
        monkeypatch.setattr(build_job, "BUILD_COMMAND", (sys.executable, "-c", code))
    monkeypatch.setattr(build_job, "_jobs", {})
    return use


def test_requests_during_a_build_join_it_instead_of_starting_another(tmp_path, command):
    command("import time; time.sleep(1.5)")
    config = Config(index_dir=tmp_path / "index")
    first = build_job.start(config)
    assert build_job.start(config) is first and first.running
    first.wait(30)
    assert not first.running and not first.failed
    second = build_job.start(config)  # finished: a later request (say the corpus changed) starts anew
    assert second is not first
    second.wait(30)


def test_a_failed_build_reports_the_clis_sentence_and_is_not_retried_on_every_rerun(tmp_path, command):
    command("import sys; print('error: corpus/timeline.csv, line 3: missing date. Fix that record.', file=sys.stderr); sys.exit(1)")
    config = Config(index_dir=tmp_path / "index")
    job = build_job.start(config)
    job.wait(30)
    assert job.failed and str(job.error) == "corpus/timeline.csv, line 3: missing date. Fix that record."
    assert build_job.start(config) is job


def test_a_crash_without_a_message_still_ends_in_a_sentence(tmp_path, command):
    command("raise SystemExit(3)")
    job = build_job.start(Config(index_dir=tmp_path / "index"))
    job.wait(30)
    assert job.failed and "exit code 3" in str(job.error) and "python -m explorer build" in str(job.error)


def test_an_index_folder_that_is_a_file_is_refused_before_any_build_starts(tmp_path, command):
    command("raise SystemExit('must not run')")
    path = tmp_path / "index"
    path.write_text("a file")
    with pytest.raises(IndexNotWritableError, match="is a file"):
        build_job.start(Config(index_dir=path))
    assert build_job.current(Config(index_dir=path)) is None


def test_a_page_names_index_folders_relative_to_the_project_never_by_server_path(tmp_path):
    assert build_job.shown(build_job.ROOT / "index") == "index/"
    assert build_job.shown(tmp_path / "index") == "the index folder"


def test_the_default_index_folder_moves_to_the_cache_only_when_the_project_cannot_hold_it(tmp_path, monkeypatch):
    from explorer import settings

    project = tmp_path / "app" / "index"
    project.mkdir(parents=True)
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    writable = {project: True, tmp_path / "cache" / "story-explorer" / "index": True}
    monkeypatch.setattr(settings, "_writable", lambda folder: writable.get(folder, False))
    assert settings.default_index_dir(environ, project) == project
    writable[project] = False  # a read-only project: the cache folder the README names
    assert settings.default_index_dir(environ, project) == tmp_path / "cache" / "story-explorer" / "index"
    (project / "manifest.json").write_text("{}")  # a read-only project that ships its index: use it
    assert settings.default_index_dir(environ, project) == project
    (project / "manifest.json").unlink()
    writable.clear()  # nothing writable: name the project's folder in the message
    assert settings.default_index_dir(environ, project) == project
    assert settings.default_index_dir({"HOME": str(tmp_path / "home")}, project) == project


def test_the_build_command_runs_where_the_explorer_package_is_importable(tmp_path):
    """The real command (no stand-in), from the folder the job starts it in: `--help` must run."""
    import subprocess

    result = subprocess.run([*build_job.BUILD_COMMAND[:3], "--help"], cwd=build_job.ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_a_cache_folder_under_the_earlier_name_is_kept_in_use(tmp_path):
    from explorer import settings

    environ = {"XDG_CACHE_HOME": str(tmp_path)}
    assert settings.cache_folder(environ) == tmp_path / "story-explorer"
    (tmp_path / "mistral-explorer" / "index").mkdir(parents=True)  # a deployment upgraded from an earlier version
    assert settings.cache_folder(environ) == tmp_path / "mistral-explorer"
    (tmp_path / "story-explorer").mkdir()  # once the new folder exists, it wins
    assert settings.cache_folder(environ) == tmp_path / "story-explorer"
