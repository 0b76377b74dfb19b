"""A read-only story's reviewed layer, read from its corpus files.

The bundled story ships what its maintainers decided: `timeline.csv` holds its confirmed events,
`factchecks.json` its reviewed claims, `reviews/coverage_review.json` (and reviews/coverage/*.json
for other reference lists) its reviewed coverage pairs. Here they become Decisions like any other,
marked `origin="shipped"`. A corpus without one of these files simply ships none of that layer.
Which document the fact-checks check (`"document"` in factchecks.json) and which reference list
the coverage review reads (`"reference"` in coverage_review.json; a file in reviews/coverage/ is
named after its list) are said by the files themselves.
"""

from pathlib import Path

from explorer.errors import CorpusError
from explorer.story.corpus import FACTCHECKS_FILE, TIMELINE_FILE, load_factcheck_document, load_timeline_document, read_json
from explorer.story.reviews import Decision

SHIPPED_BY = "the explorer's maintainers"
COVERAGE_FILE = Path("reviews") / "coverage_review.json"
COVERAGE_DIR = Path("reviews") / "coverage"


def shipped_decisions(corpus_dir: Path) -> list[Decision]:
    """Every decision the corpus files hold (a damaged file raises its CorpusError)."""
    corpus_dir = Path(corpus_dir)
    return [*_events(corpus_dir), *_claims(corpus_dir), *_coverage(corpus_dir)]


def _events(corpus_dir: Path) -> list[Decision]:
    path = corpus_dir / TIMELINE_FILE
    if not path.is_file():
        return []
    document = load_timeline_document(path)
    return [Decision("events", event["id"], "confirm", dict(event), SHIPPED_BY, _stamp(path),
                     cites=(document.id,), origin="shipped") for event in document.entries]


def _claims(corpus_dir: Path) -> list[Decision]:
    path = corpus_dir / FACTCHECKS_FILE
    if not path.is_file():
        return []
    document = load_factcheck_document(path)
    checked = read_json(path).get("document")
    cites = (checked,) if isinstance(checked, str) and checked else ()
    return [Decision("claims", claim["id"], "verdict", dict(claim), SHIPPED_BY, _stamp(path),
                     cites=cites, origin="shipped") for claim in document.entries]


def _coverage(corpus_dir: Path) -> list[Decision]:
    """One decision per reviewed (reference item, paragraph) pair that discusses the item."""
    out = []
    files = [(corpus_dir / COVERAGE_FILE, None, "principle_pairs")]
    files += [(p, p.stem, "item_pairs") for p in sorted((corpus_dir / COVERAGE_DIR).glob("*.json"))]
    for path, reference, key in files:
        if not path.is_file():
            continue
        raw = read_json(path)
        reference = reference or (raw.get("reference") if isinstance(raw, dict) else None)
        if not isinstance(reference, str) or not reference:
            raise CorpusError(path, "", "needs a 'reference': the id of the reference list it reviews")
        items = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(items, list):
            raise CorpusError(path, "", f"expected a JSON object with a '{key}' list of reviewed items")
        for position, item in enumerate(items, start=1):
            pairs = item.get("paragraphs") if isinstance(item, dict) else None
            if not isinstance(pairs, list) or not isinstance(item.get("number"), int) or not all(
                    isinstance(pair, dict) and isinstance(pair.get("passage"), str) for pair in pairs):
                raise CorpusError(path, f"item {position}", "needs a 'number' and 'paragraphs' with a 'passage' each")
            for pair in pairs:
                subject = f"{reference}|{item['number']}|{pair['passage']}"
                out.append(Decision("coverage", subject, "discussed", dict(pair), raw.get("reviewer") or SHIPPED_BY,
                                    raw.get("date") or _stamp(path), cites=(pair["passage"].split(":")[0],),
                                    origin="shipped"))
    return out


def _stamp(path: Path) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
