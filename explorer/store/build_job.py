"""The index built in the background for the app: one child process per index folder at a time.

No page builds the index inside a reader's request. When a page finds no usable index, it starts
(or joins) the build here and shows its progress. The build runs as `python -m explorer build` in
a child process, so the serving process never imports torch or holds the model for it (the light
pages stay light), and a crash in the build cannot take the server down. Within this process one
job per folder runs at a time; across processes (two servers, `make run`) `explorer.store.index`'s
build lock makes a second build wait, then find the index fresh.
"""

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from explorer.store import build_progress
from explorer.errors import ExplorerError
from explorer.store.index import check_writable
from explorer import settings
from explorer.settings import Config, child_environment

BUILD_COMMAND = (sys.executable, "-m", "explorer", "build")
PROGRESS_FILE = ".build.progress"  # in the index folder, beside the build lock; not part of the index
RETRY_AFTER_SECONDS = 30  # a failed build is retried by a later request, not by every rerun
ROOT = settings.ROOT  # the project: where `python -m explorer` runs


@dataclass
class BuildJob:
    index_dir: Path
    process: subprocess.Popen
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    error: ExplorerError | None = None  # set when the build failed: the CLI's own sentence

    @property
    def running(self) -> bool:
        return self.ended is None

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def seconds(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    @property
    def progress(self) -> build_progress.Progress | None:
        """Texts embedded so far of the build's total (None while the model loads)."""
        return build_progress.read(self.index_dir / PROGRESS_FILE)

    def wait(self, timeout: float | None = None) -> None:
        self.process.wait(timeout)
        deadline = time.monotonic() + 5
        while self.running and time.monotonic() < deadline:  # the watcher thread records the end
            time.sleep(0.01)


_jobs: dict[Path, BuildJob] = {}
_lock = threading.Lock()


def start(config: Config) -> BuildJob:
    """The running build of this config's index, or a new one. Raises IndexNotWritableError at once
    when the index folder cannot be written (a read-only deploy): the page says so in a sentence."""
    key = Path(config.index_dir).resolve()
    with _lock:
        job = _jobs.get(key)
        if job and (job.running or (job.failed and time.monotonic() - job.ended < RETRY_AFTER_SECONDS)):
            return job
        check_writable(config.index_dir)
        (key / PROGRESS_FILE).unlink(missing_ok=True)  # a finished build's last report is not this one's
        try:
            process = subprocess.Popen([*BUILD_COMMAND, "--progress-file", str(key / PROGRESS_FILE)], cwd=ROOT, env=child_environment(config),
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       text=True, errors="replace")
        except OSError as e:
            raise ExplorerError(f"The index build could not be started ({e.strerror or e}).",
                                "Run `python -m explorer build` on the server, then reload the page.") from None
        job = _jobs[key] = BuildJob(key, process)
        threading.Thread(target=_watch, args=(job,), daemon=True, name="index-build").start()
        return job


def current(config: Config) -> BuildJob | None:
    with _lock:
        return _jobs.get(Path(config.index_dir).resolve())


def _watch(job: BuildJob) -> None:
    _, stderr = job.process.communicate()
    if job.process.returncode != 0:
        job.error = _error_of(stderr, job.process.returncode)
    job.ended = time.monotonic()


def _error_of(stderr: str, code: int) -> ExplorerError:
    """The CLI's own message ("error: <problem> <fix>"), or a sentence saying where to look."""
    said = [line.removeprefix("error: ") for line in stderr.splitlines() if line.startswith("error: ")]
    if said:
        return ExplorerError(said[-1])
    return ExplorerError(f"Building the index failed (exit code {code}).",
                         "Run `python -m explorer build` on the server to see why.")


def shown(folder: Path) -> str:
    """A folder as a page may name it: relative to the project ("index/"), never a server path."""
    folder = Path(folder).resolve()
    if folder.is_relative_to(ROOT):
        return f"{folder.relative_to(ROOT).as_posix()}/"
    return "the index folder"
