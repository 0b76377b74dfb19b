"""Run a child process as user `nobody`, wherever the checkout is.

Some tests need another user than root (root reads and writes through any permission bits, so an
unreadable file or a read-only folder only means something to someone else). That user must be
able to start Python, import the project's packages and read the project's code. A checkout in a
private folder (a home folder, `mktemp -d`: mode 0700) and the `.venv` inside it are out of its
reach, so what the child needs is shared into a world-readable scratch folder first: hard links
where the filesystem allows (instant, no extra space; the files keep their own modes, so only
files others may already read are linked), copies otherwise. Nothing in the checkout is chmodded.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

NOBODY = 65534
SETPRIV = shutil.which("setpriv")
AS_NOBODY = (SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
ROOT = Path(__file__).resolve().parent.parent
_SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc")


def can_read(path: Path) -> bool:
    """Whether user nobody can read `path` (every folder above it searchable, the file readable)."""
    done = subprocess.run([*AS_NOBODY, "/bin/sh", "-c", 'test -r "$1"', "sh", str(path)], capture_output=True)
    return done.returncode == 0


def _link_or_copy(source: str, target: str) -> None:
    if os.stat(source).st_mode & 0o004:
        try:
            os.link(source, target)
            return
        except OSError:  # another filesystem, or links not allowed: a copy does the same job
            pass
    shutil.copy2(source, target)
    os.chmod(target, 0o755 if os.stat(source).st_mode & 0o111 else 0o644)


def share(source: Path, target: Path) -> Path:
    """`source` (a folder) at `target`, readable by everyone; folders made 0755."""
    shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy, ignore=_SKIPPED)
    for folder in [target, *(p for p in target.rglob("*") if p.is_dir() and not p.is_symlink())]:
        folder.chmod(0o755)
    return target


def project_code(scratch: Path) -> Path:
    """A world-readable copy of the project's Python packages (explorer/, tests/): a cwd for `-m tests....`."""
    code = scratch / "code"
    for package in ("explorer", "tests"):
        share(ROOT / package, code / package)
    code.chmod(0o755)
    return code


def _runs_as_nobody(python: Path) -> bool:
    """The interpreter starts as nobody and finds its own standard library (not another Python's)."""
    expected = subprocess.run([str(python), "-c", "import sys; print(sys.base_prefix)"],
                              capture_output=True, text=True).stdout.strip()
    done = subprocess.run([*AS_NOBODY, str(python), "-c", "import sys, os; print(sys.base_prefix)"],
                          capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.strip() == expected


def python_for_nobody(scratch: Path) -> str:
    """An interpreter user nobody can start, with the running venv's packages: a venv in `scratch`
    over this Python's own interpreter if nobody can run it, else the system's Python of the same
    version, sharing the venv's site-packages (in place if nobody can read it, else shared)."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [Path(sys.base_prefix) / "bin" / f"python{version}", Path(f"/usr/bin/python{version}")]
    interpreter = next((p for p in candidates if p.exists() and _runs_as_nobody(p)), None)
    if interpreter is None:
        pytest.skip(f"needs a Python {version} that user nobody can run (none of {', '.join(map(str, candidates))})")
    site = Path(sysconfig.get_paths()["purelib"])
    if not can_read(site / "numpy" / "__init__.py"):
        site = share(site, scratch / "site-packages")
    venv = scratch / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(interpreter)
    (venv / "lib" / f"python{version}").mkdir(parents=True)
    (venv / "lib" / f"python{version}" / "site-packages").symlink_to(site)
    (venv / "pyvenv.cfg").write_text(f"home = {interpreter.parent}\ninclude-system-site-packages = false\n"
                                     f"version = {version}\n")
    for folder in (venv, venv / "bin", venv / "lib", venv / "lib" / f"python{version}"):
        folder.chmod(0o755)
    return str(venv / "bin" / "python")
