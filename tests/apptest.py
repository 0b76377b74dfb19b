"""Run one page of the real app in AppTest, through app.py as a reader's browser would."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def open_page(page: str, params: dict | None = None, timeout: float = 120) -> AppTest:
    """The app at `page` (e.g. "pages/search.py", or "app.py" for home) with these URL parameters, run once."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    if page != "app.py":
        at.switch_page(page)
    at.run()
    return at
