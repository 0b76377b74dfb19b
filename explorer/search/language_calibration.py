"""How FLOOR and MARGIN of explorer.search.language were chosen: 5-fold cross-validation on the
labelled queries of language_examples.json.

Each variant (a FLOOR and a MARGIN from the grids below) is scored on the training folds by the
number of queries whose English-or-not verdict is wrong (what the page acts on), then by the
number whose language is wrong; the best is evaluated on the held-out fold. The folds are fixed
(every fifth query, in file order), so the figures are reproducible.

    python -m explorer.search.language_calibration
"""

import json
from importlib import resources

from explorer.search.language import detect

FLOORS = (1e-6, 1e-7, 1e-8, 1e-9, 1e-10)
MARGINS = (0.0, 2.0, 4.0, 6.0, 8.0, 10.0)
FOLDS = 5


def examples() -> list[tuple[str, str]]:
    """(language, query) pairs, labelled by reading each query."""
    text = resources.files("explorer.search").joinpath("language_examples.json").read_text(encoding="utf-8")
    return [(lang, query) for lang, query in json.loads(text)["examples"]]


def errors(rows, floor: float, margin: float) -> tuple[int, int]:
    """(English-or-not verdicts wrong, languages wrong) over the rows."""
    verdict = language = 0
    for expected, query in rows:
        found = detect(query, floor, margin).language
        verdict += (found == "en") != (expected == "en")
        language += found != expected
    return verdict, language


def best_variant(rows) -> tuple[float, float]:
    """The (floor, margin) with fewest errors on the rows; ties: the larger margin, then floor
    (the more cautious: a notice shown to an English query is the worse mistake)."""
    return min(((f, m) for f in FLOORS for m in MARGINS),
               key=lambda fm: (*errors(rows, *fm), -fm[1], -fm[0]))


def cross_validate(rows=None) -> dict:
    rows = examples() if rows is None else rows
    held_out = {"verdict_errors": 0, "language_errors": 0, "queries": len(rows), "chosen": []}
    for fold in range(FOLDS):
        train = [r for i, r in enumerate(rows) if i % FOLDS != fold]
        test = [r for i, r in enumerate(rows) if i % FOLDS == fold]
        variant = best_variant(train)
        verdict, language = errors(test, *variant)
        held_out["verdict_errors"] += verdict
        held_out["language_errors"] += language
        held_out["chosen"].append(variant)
    held_out["variants"] = len(FLOORS) * len(MARGINS)
    held_out["on_all"] = best_variant(rows)
    return held_out


if __name__ == "__main__":
    figures = cross_validate()
    print(f"{figures['queries']} labelled queries, {figures['variants']} variants, {FOLDS}-fold cross-validation")
    print(f"held out: {figures['verdict_errors']} English-or-not verdicts wrong, "
          f"{figures['language_errors']} languages wrong")
    print("chosen per fold (floor, margin):", figures["chosen"])
    print("chosen on all queries:", figures["on_all"])
