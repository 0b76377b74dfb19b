"""How far an index build has got, passed from the build's child process to the app's progress view.

The app never builds in its own process (explorer.store.build_job runs `python -m explorer build` as a
child), so the child reports through a small file: `done total` (texts embedded of the build's
total), rewritten atomically at most a few times a second. The page reads it and shows a bar with
the rate and the time left, as tqdm does in the CLI.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

EVERY_SECONDS = 0.5  # how often the file is rewritten: often enough for a bar, rarely enough to cost nothing


def tee(*callbacks):
    """One `progress(done, total)` callback feeding several (a tqdm bar and a file, say)."""
    def update(done, total):
        for callback in callbacks:
            callback(done, total)
    return update


class FileReport:
    """A `progress(done, total)` callback that writes the latest figures to `path`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._last = 0.0
        self._began = None

    def __call__(self, done, total) -> None:
        now = time.monotonic()
        self._began = now if self._began is None else self._began
        finished = done is None
        if not finished and done < total and now - self._last < EVERY_SECONDS:
            return
        self._last = now
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(f"{total if finished else done} {total} {now - self._began:.2f}\n", encoding="ascii")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a progress report must never fail the build


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    seconds: float  # since embedding began

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    @property
    def share(self) -> float:
        return min(self.done / self.total, 1.0) if self.total else 0.0


def read(path: Path) -> Progress | None:
    """The latest report, or None before the first one (the model is still loading) or if unreadable."""
    try:
        done, total, seconds = Path(path).read_text(encoding="ascii").split()
        progress = Progress(int(done), int(total), float(seconds))
    except (OSError, ValueError):
        return None
    return progress if progress.total > 0 and 0 <= progress.done <= progress.total else None
