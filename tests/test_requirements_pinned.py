"""Every package our code imports is pinned by name in requirements.txt, so a plain
`pip install -r requirements.txt` (any pip, any resolver) installs what the app imports, and no
import works only because another package happened to bring it."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = {"explorer", "ui", "serving", "pages", "tests", "app"}


def imported_modules() -> set[str]:
    files = [*ROOT.glob("explorer/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"),
             *ROOT.glob("serving/*.py"), ROOT / "app.py"]
    found = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in OURS}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            names.add(normal(re.split(r"[\[=]", line, maxsplit=1)[0]))
    return names


def test_every_imported_package_is_pinned_in_requirements():
    distributions = packages_distributions()
    have = pinned()
    missing = {module: distributions.get(module, [module]) for module in imported_modules()
               if not any(normal(d) in have for d in distributions.get(module, [module]))}
    assert missing == {}, f"imported but not pinned in requirements.txt: {missing}"
