"""What extraction imports is installed by requirements.txt, and a missing piece is named.

pip 23.2 (the pip Python 3.11 ships) left out lxml_html_clean, which justext asks for only as
lxml's `html_clean` extra, so every HTML upload failed with "could not be read (ImportError)".
The install test needs PyPI (the network) and a few minutes, so it runs in CI (CI=true) only.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # it runs pip in a child process

ROOT = Path(__file__).resolve().parent.parent
PAGE = ("<!doctype html><html><head><title>Harbour board minutes</title></head><body><article>"
        "<h1>Harbour board minutes</h1><p>The invented harbour board of Port Vell met on Tuesday and agreed "
        "to repaint the lighthouse before the winter storms.</p><p>Members asked for a second quote.</p>"
        "</article></body></html>")
EXTRACT = textwrap.dedent(f"""
    import json, sys
    from explorer.ingest.extract import ExtractionError, extract
    try:
        doc = extract({PAGE.encode()!r}, "minutes.html")[0]
        print(json.dumps({{"title": doc.title, "text": doc.text}}))
    except ExtractionError as error:
        print(json.dumps({{"problem": error.problem, "fix": error.fix}}))
""")


def _run(python: str, code: str) -> dict:
    done = subprocess.run([python, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_missing_extraction_package_is_named_with_the_command_that_installs_it():
    blocked = "import sys; sys.modules['lxml_html_clean'] = None\n" + EXTRACT  # as if it were not installed
    result = _run(sys.executable, blocked)
    assert "lxml_html_clean" in result.get("problem", ""), result
    assert "pip install -r requirements.txt" in result["fix"] and "lxml_html_clean" in result["fix"]


def test_html_extraction_works_in_this_environment():
    result = _run(sys.executable, EXTRACT)
    assert result.get("title") == "Harbour board minutes" and "lighthouse" in result["text"], result


def _extraction_block() -> list[str]:
    """The requirements.txt block that pins what extraction imports (its header comment to the blank line)."""
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Document extraction"))
    block = []
    for line in lines[start:]:
        if not line.strip():
            break
        if not line.startswith("#"):
            block.append(line.split("#", 1)[0].strip())
    return block


@pytest.mark.skipif(os.environ.get("CI", "").lower() != "true", reason="installs from PyPI: runs in CI (CI=true)")
def test_pip_23_2_installs_what_html_extraction_imports_from_requirements_txt(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # with the pip this Python ships
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    if not subprocess.run([*pip, "--version"], capture_output=True, text=True).stdout.startswith("pip 23.2"):
        subprocess.run([*pip, "install", "--quiet", "pip==23.2.1"], check=True)
    # The whole file, as a newcomer installs it: the resolution must hold every package extraction imports.
    report = tmp_path / "report.json"
    subprocess.run([*pip, "install", "--quiet", "--dry-run", "--ignore-installed", "--report", str(report),
                    "-r", str(ROOT / "requirements.txt")], check=True, timeout=1800)
    resolved = {item["metadata"]["name"].lower().replace("_", "-") for item in json.loads(report.read_text())["install"]}
    assert "lxml-html-clean" in resolved
    # Then the extraction block alone for real (not torch), and an HTML file read with it.
    subprocess.run([*pip, "install", "--quiet", *_extraction_block()], check=True, timeout=1800)
    result = _run(python, EXTRACT)
    assert result.get("title") == "Harbour board minutes" and "lighthouse" in result["text"], result
