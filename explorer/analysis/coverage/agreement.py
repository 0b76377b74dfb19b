"""A second reader's reading of the same pairs, and how far the two readers agree.

A file in corpus/reviews/second/ has the format and the name of a first reading
(`coverage_review.json` for the principles, `<reference id>.json` for another list): a second
reader read the same pairs with the first reading's guideline, without seeing the first reading
or any model score. Nothing is fitted on it. It says how much two careful readers differ, so a
journalist can tell whether the model's disagreements with the first reading are the kind
readers have too: the pairs both marked, the pairs one marked, Cohen's kappa over every pair read, and the
items both call discussed or not.
"""

from dataclasses import dataclass
from pathlib import Path

from explorer.analysis.coverage.readings import READING_FILES, Reading, read_reading

SECOND_DIR = Path("reviews") / "second"


def second_readings(corpus_dir) -> list[Reading]:
    """Every second reading in a corpus folder (none when it has no reviews/second/)."""
    folder = Path(corpus_dir) / SECOND_DIR
    first_names = {path.name: ("principles", key) for path, key in READING_FILES}
    out = []
    for path in sorted(folder.glob("*.json")):
        reference, key = first_names.get(path.name, (path.stem, "item_pairs"))
        reading = read_reading(path, reference, key)
        if reading is not None:
            out.append(reading)
    return out


@dataclass(frozen=True)
class ReadersAgreement:
    """Two readings of one (document, reference list) pair over the same paragraphs and items."""
    pairs_read: int
    both: int  # pairs both readers marked as discussed
    first_only: tuple  # (item, passage id) only the first reader marked
    second_only: tuple
    kappa: float | None  # None when neither reader marked anything (or both marked everything)
    items_agreeing: int  # items both call discussed, or both not
    items: int

    def sentence(self) -> str:
        """The agreement in plain words, for the page and the JSON."""
        if not self.pairs_read:
            return "A second reader's reading is shipped, but it covers none of these paragraphs."
        kappa = "" if self.kappa is None else f"; Cohen's kappa over all the pairs: {self.kappa:.2f}"
        return (f"A second reader read the same {self.pairs_read} paragraph-item pairs with the first reading's "
                f"guideline, without seeing that reading or the model's scores. Both marked {self.both} pairs as discussing the item; "
                f"{len(self.first_only)} only the first reader marked and {len(self.second_only)} only the second"
                f"{kappa}. Their verdicts agree on {self.items_agreeing} of the {self.items} items.")

    def to_dict(self) -> dict:
        pair = lambda p: {"item": p[0], "passage": p[1]}
        return {"pairs_read": self.pairs_read, "both": self.both, "first_only": [pair(p) for p in self.first_only],
                "second_only": [pair(p) for p in self.second_only],
                "kappa": None if self.kappa is None else round(self.kappa, 3),
                "items_agreeing": self.items_agreeing, "items": self.items, "summary": self.sentence()}


def readers_agreement(first: Reading, second: Reading, passage_ids) -> ReadersAgreement:
    """Agreement over the items both readings list and the paragraphs `passage_ids` (the document's)."""
    shown = set(passage_ids)
    numbers = sorted(set(first.items) & set(second.items))
    marked = lambda reading: {(n, p) for n in numbers for p in reading.items[n] if p in shown}
    a, b = marked(first), marked(second)
    pairs = len(numbers) * len(shown)
    both = len(a & b)
    kappa = None
    if pairs:
        observed = (pairs - len(a ^ b)) / pairs
        pa, pb = len(a) / pairs, len(b) / pairs
        expected = pa * pb + (1 - pa) * (1 - pb)
        kappa = (observed - expected) / (1 - expected) if expected < 1 else None
    said = lambda marks, n: any(m == n for m, _ in marks)
    agreeing = sum(said(a, n) == said(b, n) for n in numbers)
    return ReadersAgreement(pairs, both, tuple(sorted(a - b)), tuple(sorted(b - a)), kappa, agreeing, len(numbers))


def agreement_for(corpus_dir, first: Reading | None, passage_ids) -> ReadersAgreement | None:
    """The agreement of a first reading with its second reading, when the corpus ships one."""
    if first is None:
        return None
    second = next((r for r in second_readings(corpus_dir)
                   if (r.reference, r.document) == (first.reference, first.document)), None)
    return None if second is None else readers_agreement(first, second, passage_ids)
