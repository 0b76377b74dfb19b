"""Measurements: the benchmark tables (`python -m explorer bench`), real-text scale runs and the
labelled sets they read (explorer/bench/data/). Product code never imports this package."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold" / "questions.jsonl"  # journalist questions with the passages that answer them
