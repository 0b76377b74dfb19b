"""Core of the story explorer: corpus, passages, index, search, comparison, timeline.

Never imports streamlit, so the CLI and the tests run without the UI, and never imports torch
at import time, so pages that don't search stay light.
"""

__version__ = "0.1.0"
