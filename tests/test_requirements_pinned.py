"""Every package our code imports is pinned by name in requirements.txt, so a plain
`pip install -r requirements.txt` (any pip, any resolver) installs what the app imports, and no
import works only because another package happened to bring it. The measurements in
explorer/bench/ may also import what requirements-dev.txt pins (the txtai peer, the coverage
study's logistic fit): `make bench` installs both files, the app never imports them."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = {"explorer", "ui", "serving", "pages", "tests", "app"}


def imported_modules(bench: bool = False) -> set[str]:
    """What the app's code imports (bench=False: explorer/bench/ left out), or what the
    measurements import (bench=True)."""
    if bench:
        files = [*ROOT.glob("explorer/bench/**/*.py")]
    else:
        files = [p for p in [*ROOT.glob("explorer/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"),
                             *ROOT.glob("serving/*.py"), ROOT / "app.py"] if "bench" not in p.relative_to(ROOT).parts]
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


def pinned(*files: str) -> set[str]:
    names = set()
    for line in "\n".join((ROOT / f).read_text(encoding="utf-8") for f in files or ("requirements.txt",)).splitlines():
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


def test_every_package_the_measurements_import_is_pinned_in_one_of_the_two_files():
    distributions = packages_distributions()
    have = pinned("requirements.txt", "requirements-dev.txt")
    missing = {module: distributions.get(module, [module]) for module in imported_modules(bench=True)
               if not any(normal(d) in have for d in distributions.get(module, [module]))}
    assert missing == {}, f"imported by explorer/bench but pinned in neither requirements file: {missing}"
