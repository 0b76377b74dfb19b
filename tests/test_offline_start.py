"""An offline tool makes no outbound connection: `streamlit run app.py` starting as a deployment
starts it (bound to every interface, headless) connects to nothing but its own machine.

Streamlit's start looks up the machine's external IP (an HTTP request to a public checker) and
its internal one (a UDP connect to a public resolver) unless `browser.serverAddress` is set;
.streamlit/config.toml sets it. The server runs under `strace -f -e trace=connect`, which logs
every connect(2) of the process and its children; the test reads that log."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.streamlit_server import free_port

pytestmark = pytest.mark.slow  # it starts processes with the network cut off

ROOT = Path(__file__).resolve().parent.parent
LOCAL = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|inet_pton\(AF_INET6, "::ffff:127\.')


def outbound_connects(trace: str) -> list[str]:
    """The connect(2) lines of an strace log that reach another machine (IPv4 or IPv6)."""
    lines = [line for line in trace.splitlines() if "connect(" in line and ("AF_INET" in line)]
    return [line for line in lines if not LOCAL.search(line)]


def test_outbound_connects_are_read_from_an_strace_log():
    trace = ('12 connect(5, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("52.6.1.2")}, 16) = 0\n'
             '12 connect(6, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0\n'
             '12 connect(7, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0\n')
    assert outbound_connects(trace) == [trace.splitlines()[0]]


@pytest.mark.skipif(not shutil.which("strace"), reason="strace is not installed")
def test_the_server_start_contacts_no_other_machine(tmp_path):
    port, log, trace = free_port(), tmp_path / "server.log", tmp_path / "connect.trace"
    command = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace),
               sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    env = {**os.environ, "EXPLORER_COLLECTIONS_DIR": str(tmp_path / "collections")}
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start:\n" + log.read_text()[-3000:])
        time.sleep(2)  # the start banner (where Streamlit looks its addresses up) is printed after health
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # strace and the server it traces
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    output = log.read_text()
    if "Operation not permitted" in output and "ptrace" in output:
        pytest.skip("ptrace is not permitted here")
    assert "Did not auto detect external IP" not in output
    assert outbound_connects(trace.read_text()) == [], output[-2000:]
