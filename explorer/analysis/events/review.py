"""Recording what a person decided about an event (the reviewed layer; nothing derived is edited).

confirm, correct (date, precision, kind, wording), reject an extracted event, or add one by hand
from a passage. Bad input is a ReviewError whose sentences say what to do.
"""

from explorer.analysis.events.dates import day_range
from explorer.dates import FORM_LABELS
from explorer.analysis.events.kinds import KINDS
from explorer.analysis.events.layer import LAYER, MAX_TEXT, PRECISIONS, added_id
from explorer.story.reviews import ReviewError

ACTIONS = ("confirm", "correct", "reject")


def check_date(value: str, precision: str) -> None:
    try:
        if precision not in PRECISIONS or not value or day_range(value, precision) is None:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise ReviewError(f"{value!r} is not a date at {precision!r} precision.",
                          "Write it as " + ", ".join(f"{FORM_LABELS[p]} ({p})" for p in PRECISIONS) + ".") from None


def review_event(story, event: dict, action: str, author: str, date: str | None = None,
                 precision: str | None = None, kind: str | None = None, text: str | None = None, note: str = ""):
    """Record a decision on an event of the timeline; returns the Decision."""
    if action not in ACTIONS:
        raise ReviewError(f"Unknown action {action!r}.", f"Choose one of: {', '.join(ACTIONS)}.")
    payload: dict = {"note": note.strip()[:MAX_TEXT]} if note and note.strip() else {}
    if action == "correct":
        precision = precision or event.get("precision")
        date = (date or event.get("date") or "").strip()
        check_date(date, precision)
        if kind and kind not in KINDS:
            raise ReviewError(f"Unknown kind {kind!r}.", f"Choose one of: {', '.join(KINDS)}.")
        payload.update(date=date, precision=precision, kind=kind or event.get("kind"),
                       text=(text or event.get("text") or "").strip()[:MAX_TEXT])
    cites = [s["doc"] for s in event.get("sources") or [] if s.get("doc")]
    return story.reviews.record(LAYER, event["id"], action, payload, author, cites=cites)


def add_event(story, passage, author: str, date: str, precision: str, text: str, kind: str = "other"):
    """Add an event by hand from a passage (its id and locator are its source)."""
    text = (text or "").strip()
    if not text:
        raise ReviewError("An event needs a sentence saying what happened.", "Write what happened on that date.")
    check_date((date or "").strip(), precision)
    if kind not in KINDS:
        raise ReviewError(f"Unknown kind {kind!r}.", f"Choose one of: {', '.join(KINDS)}.")
    payload = {"date": date.strip(), "precision": precision, "kind": kind, "text": text[:MAX_TEXT],
               "passage": passage.id, "locator": passage.locator, "quote": passage.text[:MAX_TEXT]}
    return story.reviews.record(LAYER, added_id(passage.id, text), "add", payload, author, cites=[passage.doc])
