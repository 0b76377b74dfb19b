"""Settings are checked when they are read: a bad value names the variable and what is valid."""

import os
import subprocess
import sys

import pytest

from explorer import settings
from explorer.errors import ExplorerError
from tests.conftest import ROOT


@pytest.mark.parametrize("variable, value, valid", [
    ("EXPLORER_MAX_QUERY_CHARS", "-5", "whole number from 1 to"),
    ("EXPLORER_MAX_QUERY_CHARS", "0", "whole number from 1 to"),
    ("EXPLORER_MAX_QUERY_CHARS", "lots", "whole number from 1 to"),
    ("EXPLORER_MAX_QUERY_CHARS", "2.5", "whole number from 1 to"),
    ("EXPLORER_QUERY_CACHE", "-1", "whole number from 0 to"),
    ("EXPLORER_WORKSPACE_TTL_DAYS", "-10", "whole number from 1 to"),
    ("EXPLORER_MAX_FILE_MB", "10000000", "whole number from 1 to"),
    ("EXPLORER_QUANTIZE", "maybe", "one of 1, true"),
    ("EXPLORER_UPLOADS", "everyone", "one of workspace, off"),
    ("EXPLORER_INDEX_DIR", " ", "a folder"),
    ("EXPLORER_MODEL", "", "a model name"),
])
def test_a_bad_setting_names_the_variable_and_what_is_valid(variable, value, valid):
    with pytest.raises(ExplorerError) as raised:
        settings.load({variable: value})
    assert raised.value.problem.startswith(f"{variable}={value!r} is not valid") and valid in raised.value.problem
    assert "default" in raised.value.fix


def test_good_settings_are_read():
    config = settings.load({"EXPLORER_MAX_QUERY_CHARS": " 300 ", "EXPLORER_QUANTIZE": "off", "EXPLORER_QUERY_CACHE": "0"})
    assert (config.max_query_chars, config.quantize, config.query_cache) == (300, False, 0)


def test_the_cli_refuses_a_bad_setting_with_one_line_and_exit_code_1():
    result = subprocess.run([sys.executable, "-m", "explorer", "search", "egress", "--mode", "keyword"], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "EXPLORER_MAX_QUERY_CHARS": "-5"})
    assert result.returncode == 1, result.stderr
    assert "EXPLORER_MAX_QUERY_CHARS='-5' is not valid" in result.stderr and "Traceback" not in result.stderr


def test_a_child_process_environment_resolves_to_the_same_index(tmp_path):
    """The background build and the benchmark's serving process are started with
    child_environment(config): read back, it must open the very index the parent opens."""
    import dataclasses

    from explorer.settings import Config, child_environment, load

    parent = dataclasses.replace(Config(), model="some-model", quantize=False, corpus_dir=tmp_path / "corpus",
                                 index_dir=tmp_path / "index", exact_limit=123)
    child = load(child_environment(parent, {"EXPLORER_STORE": "faiss"}))
    fields = ("model", "quantize", "corpus_dir", "index_dir", "exact_limit", "model_id")
    assert [getattr(child, f) for f in fields] == [getattr(parent, f) for f in fields]


@pytest.mark.parametrize("value, mode", [("session", "workspace"), ("workspace", "workspace"), ("OFF", "off")])
def test_uploads_take_workspace_and_the_old_name_session(value, mode):
    assert settings.load({"EXPLORER_UPLOADS": value}).uploads == mode
