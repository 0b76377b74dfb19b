"""Start a real `streamlit run app.py` on a free port, wait for health, always clean up.

Kept in one place with the few Streamlit DOM details the browser tests rely on.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 120

# Streamlit's own test ids, used only through these names.
APP = '[data-testid="stApp"]'
RUNNING = '[data-testid="stStatusWidget"]'
CONTENT = '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]'
SKELETON = '[data-testid="stAppSkeleton"]'
SPINNER = '[data-testid="stSpinner"]'
STALE = '[data-stale="true"]'
ALERT = '[data-testid="stAlert"]'  # st.warning/info/error/success
EXCEPTION = '[data-testid="stException"]'  # an uncaught exception's box


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict | None = None, root: Path = ROOT, prefix: tuple = (), clean_env: bool = False,
                     python: str = sys.executable):
    """Yields (base_url, process); the server log is printed if startup fails.

    `root`: the project folder to serve (a copy, for the read-only deployment test); `prefix`: a
    command that runs the server (setpriv, to run it as another user); `clean_env`: start from an
    empty environment instead of the tests' own (which points at the test index); `python`: the
    interpreter to run it with."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
    command = [*prefix, python, "-m", "streamlit", "run", str(Path(root) / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                               env={**({} if clean_env else os.environ), **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read()[-4000:]}")
            time.sleep(0.3)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        os.unlink(log.name)


def has_imported_torch(process) -> bool:
    """Whether the server process has loaded torch's shared library (read from /proc)."""
    maps = Path(f"/proc/{process.pid}/maps").read_text()
    return "libtorch" in maps


def wait_until_idle(page, timeout: float = 60_000) -> None:
    """Wait for the app to connect, render its first element and finish running its script."""
    page.wait_for_selector(APP, timeout=timeout)
    page.wait_for_selector(CONTENT, timeout=timeout)
    page.wait_for_selector(SKELETON, state="detached", timeout=timeout)
    page.wait_for_selector(SPINNER, state="detached", timeout=timeout)
    page.wait_for_function(
        f"() => !document.querySelector('{RUNNING}') || getComputedStyle(document.querySelector('{RUNNING}')).visibility === 'hidden'",
        timeout=timeout)
    # elements of the previous run linger, marked stale, until the new run replaces them
    page.wait_for_function(f"() => !document.querySelector('{STALE}')", timeout=timeout)
