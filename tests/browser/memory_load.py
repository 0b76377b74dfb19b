"""What the serving process holds under a bounded browser load: a measurement, not a test.

    .venv/bin/python -m tests.browser.memory_load --loads 120 --uploads 4

Starts a real server (tests/browser/streamlit_server), then, each in a fresh browser context
(a new reader, a new session): `--loads` page loads cycling over every page, searches with
varied queries among them, then `--uploads` uploads of three small documents on /add. The
server's resident memory (VmRSS) is sampled twice a second; the peak (VmHWM) and the figure
after each phase are printed as a markdown table for README.md.

Pinned to the bundled story's ids (article:8, event msft-mistral-investment): the test index every
run builds holds the bundled story, and these tests need a passage or event known to be in it; what
they check does not depend on which one.
"""

import argparse
import re
import threading
import time
from pathlib import Path

from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path
from tests.browser.streamlit_server import streamlit_server, wait_until_idle

QUERIES = ("How much did Microsoft invest in Mistral?", "egress fees", "non-public data to compete", "CMA merger probe",
           "Mistral Large on Azure", "AI skilling", "open source models", "European datacenters")
VIEWS = ("/", "/search?q={q}", "/search?q={q}&mode=semantic", "/principles", "/principles?view=matrix", "/timeline",
         "/timeline?event=msft-mistral-investment", "/about", "/search?q={q}&p=article:8")


def status_kb(pid: int, field: str) -> int:
    """A memory field of a live process, in kB (0 once it has ended)."""
    found = re.search(rf"{field}:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
    return int(found.group(1)) if found else 0


def document(i: int) -> list[dict]:
    """Three small documents, made up for the measurement (fiction: invented companies)."""
    text = (f"Fictional Widgets Ltd, note {i}. The board of Fictional Widgets Ltd approved a cloud contract worth "
            f"EUR {i + 2} million on {i % 28 + 1} March 2025. The contract moves the firm's data to Example Cloud.\n\n"
            "Customers who leave Example Cloud will pay no data egress fees, the firm said in a statement.\n") * 20
    html = f"<html><head><title>Widgets memo {i}</title></head><body><article><p>{text}</p></article></body></html>"
    return [{"name": f"memo-{i}.txt", "mimeType": "text/plain", "buffer": text.encode()},
            {"name": f"memo-{i}.md", "mimeType": "text/markdown", "buffer": ("# Memo\n\n" + text).encode()},
            {"name": f"memo-{i}.html", "mimeType": "text/html", "buffer": html.encode()}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=120)
    parser.add_argument("--uploads", type=int, default=4)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows, samples, stop = [], [], threading.Event()
    with streamlit_server() as (base, process), sync_playwright() as playwright:
        def sample():
            while not stop.is_set():
                samples.append(status_kb(process.pid, "VmRSS"))
                time.sleep(0.5)

        threading.Thread(target=sample, daemon=True).start()
        rows.append(("started", status_kb(process.pid, "VmRSS")))
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        started = time.monotonic()
        for i in range(args.loads):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + VIEWS[i % len(VIEWS)].format(q=QUERIES[i % len(QUERIES)].replace(" ", "+")))
            wait_until_idle(page, 180_000)
            context.close()
            if (i + 1) % 20 == 0:
                print(f"{i + 1} loads: {status_kb(process.pid, 'VmRSS') / 1024:,.0f} MB", flush=True)
        rows.append((f"after {args.loads} page loads ({time.monotonic() - started:.0f} s)", status_kb(process.pid, "VmRSS")))
        for i in range(args.uploads):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "/add")
            wait_until_idle(page, 180_000)
            page.get_by_role("textbox", name="Collection name").fill(f"memo{i}")
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(document(i))
            page.get_by_role("button", name="Add to the collection").click()
            page.get_by_text(re.compile(rf"^memo-{i}\.html: ")).first.wait_for(timeout=300_000)
            context.close()
        rows.append((f"after {args.uploads} uploads of 3 documents", status_kb(process.pid, "VmRSS")))
        stop.set()
        rows.append(("peak during the run (VmHWM)", status_kb(process.pid, "VmHWM")))
        browser.close()
    print("| moment | serving process RSS |\n|---|---|")
    for moment, kb in rows:
        print(f"| {moment} | {kb / 1024:,.0f} MB |")
    print(f"\nsamples: {len(samples)}, highest sampled {max(samples) / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
