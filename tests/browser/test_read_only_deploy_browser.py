"""A read-only deployment: the project copied to a folder the server cannot write, served by
`streamlit run app.py` as user `nobody` (we run as root, which writes through any permission, so
only another user makes the folder read-only; setpriv switches user). The server runs on an
interpreter and packages nobody can reach wherever the checkout is (tests/nobody.py).

With a writable home, the app builds its index in the default cache folder the README names
($XDG_CACHE_HOME or ~/.cache, then story-explorer/index), in the background, and serves. With
nothing writable, the first page says so in one sentence.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_server import ROOT, has_imported_torch, streamlit_server, wait_until_idle
from tests.nobody import AS_NOBODY, NOBODY, SETPRIV, python_for_nobody

BUILD_SECONDS = 900  # a real build with the model, on a machine other tests share
SKIP = {".git", ".venv", ".pytest_cache", "test-artifacts", "collections", "__pycache__", ".ruff_cache"}

pytestmark = pytest.mark.skipif(SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv")


@pytest.fixture
def deploy():
    """(project copy owned by root, read-only to nobody; a scratch folder for homes)."""
    scratch = Path(tempfile.mkdtemp(prefix="read-only-deploy-"))
    scratch.chmod(0o755)
    project = scratch / "app"
    shutil.copytree(ROOT, project, symlinks=True,
                    ignore=lambda folder, names: [n for n in names if n in SKIP
                                                  or (Path(folder) == ROOT / "index" and n != "README.md")])
    for path in [project, *project.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    yield project, scratch
    shutil.rmtree(scratch, ignore_errors=True)


def _serve(project: Path, home: Path):
    return streamlit_server(root=project, clean_env=True, python=python_for_nobody(home.parent),
                            prefix=AS_NOBODY,
                            env={"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8"})


def test_read_only_project_builds_its_index_in_the_cache_folder_and_serves(deploy, page):
    project, scratch = deploy
    home = scratch / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    with _serve(project, home) as (base, process):
        page.goto(base + "/")
        wait_until_idle(page, timeout=120_000)
        expect(page.get_by_text("The corpus at a glance")).to_be_visible()
        # the progress view, then the finding that needs the index, once the background build is done
        expect(page.get_by_text(re.compile(r"discusses \d+ of the \d+ items of"))).to_be_visible(
            timeout=BUILD_SECONDS * 1000)
        assert (home / ".cache" / "story-explorer" / "index" / "manifest.json").is_file()
        assert sorted(p.name for p in (project / "index").iterdir()) == ["README.md"], "the project was written"
        assert not has_imported_torch(process), "the build ran inside the serving process"
        page.goto(base + "/search?q=egress+fees")
        wait_until_idle(page, timeout=300_000)
        expect(page.get_by_text("Why it matched").first).to_be_visible(timeout=300_000)


def test_read_only_project_with_nothing_writable_says_so_in_one_sentence(deploy, page):
    project, scratch = deploy
    home = scratch / "home"
    home.mkdir()  # root's: nobody cannot write it either
    with _serve(project, home) as (base, process):
        page.goto(base + "/")
        wait_until_idle(page, timeout=120_000)
        message = page.get_by_text("index/ is read-only, so it cannot be built here: set EXPLORER_INDEX_DIR")
        expect(message).to_be_visible(timeout=120_000)
        assert str(scratch) not in page.inner_text("body"), "a server path reached the page"
        assert not has_imported_torch(process)
