"""A real PostgreSQL server for the storage contract tests: Debian's `postgresql` package, a new
cluster in a temporary folder, on a free local port, stopped when the tests end.

`make test` installs the package when it is missing (Makefile, target `postgres`). Run as root,
the server runs as the `postgres` user the package creates (PostgreSQL refuses to run as root).
In CI (CI=true) a server that cannot start fails the tests; elsewhere they are skipped with the
reason.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class PostgresUnavailable(Exception):
    pass


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise PostgresUnavailable("Debian's postgresql package is not installed (run `make postgres`).")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl start in a temporary folder; `url` is a SQLAlchemy-style postgresql:// URL."""

    def __init__(self):
        self.bin = _binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="explorer-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.url = f"postgresql://explorer@127.0.0.1:{self.port}/explorer"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120, cwd=self.folder)

    def start(self) -> "PostgresServer":
        if self.as_root:
            shutil.chown(self.folder, "postgres")
            os.chmod(self.folder, 0o700)
        try:
            self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "explorer", "--auth=trust",
                      "--encoding=UTF8", "--no-instructions")
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w",
                      "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
            self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "explorer", "explorer")
        except (subprocess.CalledProcessError, OSError, subprocess.TimeoutExpired) as error:
            log = (self.folder / "server.log")
            detail = getattr(error, "stderr", "") or ""
            detail += log.read_text(errors="replace")[-2000:] if log.exists() else ""
            self.stop()
            raise PostgresUnavailable(f"PostgreSQL did not start: {error}\n{detail}") from None
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False)
            for _ in range(50):
                if not (self.data / "postmaster.pid").exists():
                    break
                time.sleep(0.1)
        shutil.rmtree(self.folder, ignore_errors=True)
