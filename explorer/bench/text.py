"""Real English text for benchmarks, from what is installed here: Python's own standard library.

The docstrings of the stdlib's modules, classes and functions are read from the source files
with `ast` (nothing is imported or run), split into paragraphs, and kept when they read as
prose (enough words, mostly letters). A folder of .txt/.md files can be named instead.
Random vectors are not enough: passage length, vocabulary and BM25 all depend on real text.
"""

import ast
import re
import sysconfig
from pathlib import Path

MIN_WORDS, MAX_WORDS = 12, 180


def paragraphs(limit: int, folder: Path | None = None) -> list[str]:
    """Up to `limit` distinct prose paragraphs, in a stable order."""
    seen: dict[str, None] = {}
    for text in (_folder_texts(folder) if folder else _stdlib_docstrings()):
        for block in re.split(r"\n\s*\n", text):
            paragraph = " ".join(block.split())
            if is_prose(paragraph) and paragraph not in seen:
                seen[paragraph] = None
                if len(seen) >= limit:
                    return list(seen)
    return list(seen)


def is_prose(paragraph: str) -> bool:
    """Reads as prose: MIN_WORDS to MAX_WORDS words, mostly letters, not a prompt, list item or table row."""
    words = paragraph.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or paragraph.startswith((">>>", "...", "-", "*", "|")):
        return False
    letters = sum(c.isalpha() or c.isspace() for c in paragraph)
    return letters / len(paragraph) > 0.85


def _stdlib_docstrings():
    root = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(root.rglob("*.py")):
        if "test" in path.parts or "site-packages" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node)
                if doc:
                    yield doc


def _folder_texts(folder: Path):
    for path in sorted(Path(folder).rglob("*")):
        if path.suffix.lower() in (".txt", ".md") and path.is_file():
            yield path.read_text(encoding="utf-8", errors="replace")
