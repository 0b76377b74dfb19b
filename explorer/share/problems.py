"""The one error boundary: what a reader is told when a view cannot be shown, in a page or a twin.

Datasette's `handle_exception` shape: every failure becomes one Problem (an HTTP status, the
problem sentence, the fix sentence, and when to retry), which the pages render as text
(ui.frame) and the JSON twin as `{"error", "fix", "status"}` (serving.api). Either way a file
is named relative to the project (`corpus/timeline.csv, line 2`), never by the absolute path it
has on the server: the CLI shows full paths, readers do not. Pure, no streamlit."""

import re
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import ExplorerError, IndexNotReady

# An absolute POSIX path: a slash-led run of path characters (stops at spaces, commas, colons,
# quotes); a full stop that ends it ends the sentence ("No index found in /srv/index.").
_ABSOLUTE = re.compile(r"(?<![\w.~:/-])/(?:[\w.@+~-]+/)*(?:[\w.@+~-]*[\w@+~-])?/?")
RETRY_AFTER_SECONDS = 10  # how soon a client may ask again while the index is built
BUILDING = f"The server is building it now: ask again in about {RETRY_AFTER_SECONDS} s."
UNEXPECTED = ("The server could not build this view.", "Try again; if it persists, tell the operator.")


@dataclass(frozen=True)
class Problem:
    status: int
    message: str
    fix: str = ""
    retry_after: int | None = None

    def to_dict(self) -> dict:
        return {"error": self.message, "fix": self.fix or None, "status": self.status}


def relative(text: str, folders: dict[str, Path], root: Path) -> str:
    """`text` with every absolute path replaced: a path inside one of `folders` (shown name ->
    folder, e.g. {"corpus": config.corpus_dir}) or inside `root` (the project) is named relative
    to it; any other absolute path by its last part only."""
    bases = sorted(((Path(folder).resolve(), name) for name, folder in folders.items()), key=lambda b: -len(str(b[0])))
    bases.append((Path(root).resolve(), ""))

    def shown(match) -> str:
        path = Path(match.group(0))
        resolved = path.resolve() if path.is_absolute() else path
        for base, name in bases:
            for candidate in {path, resolved}:
                if candidate == base or base in candidate.parents:
                    rest = candidate.relative_to(base).as_posix()
                    joined = "/".join(part for part in (name, "" if rest == "." else rest) if part)
                    return joined + ("/" if match.group(0).endswith("/") and joined else "") or (name or ".")
        return path.name or "/"

    return _ABSOLUTE.sub(shown, str(text))


def folders_of(config) -> dict[str, Path]:
    """The folders a message may name, by the name a reader sees ({} without settings)."""
    if config is None:
        return {}
    return {"corpus": config.corpus_dir, "index": config.index_dir, "collections": config.collections_dir}


def public(error: ExplorerError, config) -> tuple[str, str]:
    """(problem, fix) of an error as a reader may see it: every absolute path made relative."""
    from explorer import settings

    folders = folders_of(config)
    return relative(error.problem, folders, settings.ROOT), relative(error.fix, folders, settings.ROOT)


def problem_of(error: BaseException, config, status: int | None = None) -> Problem:
    """The Problem a failure shows. An index being built (IndexNotReady) and every other typed
    error (a corpus record, a setting, a missing model) are 503 with their own sentences: the
    service cannot answer until the build ends or the operator acts. `status` overrides (a view
    the request named wrongly). Anything untyped is a 500 with a sentence; its traceback is for
    the log only."""
    from explorer.share.views import ViewError

    if isinstance(error, ViewError):
        return Problem(error.status, error.message)
    if isinstance(error, IndexNotReady):
        message, _ = public(error, config)
        return Problem(503, message, BUILDING, RETRY_AFTER_SECONDS)
    if isinstance(error, ExplorerError):
        message, fix = public(error, config)
        return Problem(status or 503, message, fix)
    return Problem(500, *UNEXPECTED)
