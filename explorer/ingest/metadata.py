"""What a user says about a document (title, source URL, date) and what indexing left out of it.

The user's title, URL and date win over what the file says about itself; one that cannot be used
(a URL that is not http(s), a date that is not a date) is left out with a warning on the document,
never silently. After a build, every word of a document's text must be in one of its passages;
any that are not are named in a warning, so "added" never hides text a search cannot find.
"""

import re
from dataclasses import replace
from pathlib import Path

from explorer.ingest.extract.base import clean_url, short_title
from explorer.ingest.extract.dates import parse_user_date

_WORD = re.compile(r"\w+")


def with_user_metadata(doc, upload):
    """The extracted document with the title, URL and date the user gave (warnings for unusable ones)."""
    changes, warnings = {}, list(doc.warnings)
    if upload.title is not None and upload.title.strip():
        changes["title"] = short_title(upload.title) or doc.title
    if upload.url is not None and upload.url.strip():
        url = clean_url(upload.url)
        if url:
            changes["url"] = url
        else:
            warnings.append(f"The source URL you gave, “{short_title(upload.url, 60)}”, is not an http(s) address "
                            "and was left out.")
    if upload.date is not None and upload.date.strip():
        date = parse_user_date(upload.date)
        if date:
            changes["date"] = date
        else:
            warnings.append(f"The date you gave, “{short_title(upload.date, 40)}”, is not a date (YYYY-MM-DD) "
                            "and was left out.")
    return replace(doc, warnings=warnings, **changes)


def check_user_metadata(title: str | None, url: str | None, date: str | None) -> list[str]:
    """Why a title, URL or date a user typed cannot be used (empty when all can)."""
    problems = []
    if url and url.strip() and not clean_url(url):
        problems.append(f"“{short_title(url, 60)}” is not an http(s) address.")
    if date and date.strip() and not parse_user_date(date):
        problems.append(f"“{short_title(date, 40)}” is not a date: write it as YYYY-MM-DD.")
    if title is not None and not title.strip():
        problems.append("A title cannot be empty.")
    return problems


def unsearchable_words(corpus_dir: Path, entry, passages) -> str | None:
    """A warning naming the words of a document's text that are in none of its passages, or None."""
    path = Path(corpus_dir) / f"{entry.id}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    found = set()
    for passage in passages:
        if passage.doc == entry.id:
            found.update(w.lower() for w in _WORD.findall(f"{passage.section} {passage.text}"))
    missing = list(dict.fromkeys(w for w in _WORD.findall(text) if w.lower() not in found))
    if not missing:
        return None
    shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
    return (f"{len(missing)} word(s) of its text are in no passage, so a search cannot find them ({shown}): "
            "they are on lines the passage splitter did not keep.")
