"""Running headers, footers and page numbers: printed on every page, part of no paragraph.

A PDF's text layer gives each page's lines in order, the header first and the footer last. A
line within the first or last few lines of its page that recurs on other pages (digits ignored,
so "Page 2 of 3" and "Page 3 of 3" are one line) is a running header or footer; a line that is
only a page number ("3", "- 3 -", "Page 3 of 12", "3/12") at a page's top or bottom is a page
number even on a one-page file. Both are dropped before paragraphs are rebuilt, so they are
neither glued into passages nor searched.
"""

import re

EDGE_LINES = 3  # how far from a page's top or bottom a running line may stand
_PAGE_NUMBER = re.compile(r"^(?:[-–—\s]*)(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?(?:[-–—\s]*)$",
                          re.IGNORECASE)


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def strip_running_lines(pages: list[str]) -> list[str]:
    """Each page's raw text without its running headers, footers and page numbers."""
    lines = [page.replace("\r\n", "\n").replace("\r", "\n").split("\n") for page in pages]
    edges = [_edge_indexes(page) for page in lines]
    counts: dict[str, int] = {}
    for page, indexes in zip(lines, edges):
        for shape in {_shape(page[i]) for i in indexes}:
            counts[shape] = counts.get(shape, 0) + 1
    recurring = max(2, (len(pages) + 1) // 2)  # on at least half the pages (and on two at least)
    cleaned = []
    for page, indexes in zip(lines, edges):
        drop = {i for i in indexes if _PAGE_NUMBER.match(page[i].strip())
                or (len(pages) > 1 and counts.get(_shape(page[i]), 0) >= recurring)}
        cleaned.append("\n".join(line for i, line in enumerate(page) if i not in drop))
    return cleaned


def _edge_indexes(page: list[str]) -> list[int]:
    """The indexes of the first and last EDGE_LINES non-blank lines of a page."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))
