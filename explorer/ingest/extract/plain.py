"""Plain text and Markdown.

Markdown is stripped lightly, through a CommonMark parser (markdown-it-py): headings, emphasis,
links and code keep their words and lose their markup, so that search and quotes see the prose a
reader sees; raw HTML inside Markdown is reduced to its text, never rendered. A YAML-style front
matter block gives the title, author and date when it declares them (read line by line, never
loaded as YAML).
"""

import html
import re

from explorer.ingest.extract.base import (
    CharBudget,
    ExtractedDocument,
    ExtractionError,
    Limits,
    clean_author,
    clean_url,
    first_line,
    iso_date,
    join_paragraphs,
    list_items,
    split_paragraphs,
    title_or_fallback,
)
from explorer.ingest.extract.dates import stated_date


def extract_text(text: str, filename: str | None, limits: Limits, content_hash: str,
                 warnings: list[str]) -> list[ExtractedDocument]:
    paragraphs = [item for block in split_paragraphs(text) for item in list_items(block)]
    plain = CharBudget(limits).spend(join_paragraphs(paragraphs))
    _require_text(plain)
    stated = stated_date(plain)
    return [ExtractedDocument(title=title_or_fallback(first_line(plain), filename=filename), text=plain, pages=[],
                              date=stated[0] if stated else None, format="text", content_hash=content_hash,
                              warnings=list(warnings))]


def extract_markdown(text: str, filename: str | None, limits: Limits, content_hash: str,
                     warnings: list[str]) -> list[ExtractedDocument]:
    meta, body = front_matter(text)
    warnings = list(warnings)
    if len(body) > limits.max_markdown_chars:
        # markdown-it-py is linear but slow on markup-dense input (about 25 µs a character at worst).
        paragraphs, headings = [item for block in split_paragraphs(body) for item in list_items(block)], []
        warnings.append(f"This Markdown is longer than {limits.max_markdown_chars:,} characters, so it is kept as "
                        "written: its markup (#, *, links) was not stripped.")
    else:
        paragraphs, headings = markdown_paragraphs(body)
    plain = CharBudget(limits).spend(join_paragraphs(paragraphs))
    _require_text(plain)
    top = min(headings, default=None, key=lambda h: h[0])
    title = title_or_fallback(meta.get("title"), top[1] if top else None, first_line(plain), filename=filename)
    author = meta.get("author") or meta.get("authors")
    declared = iso_date(meta.get("date"))
    stated = None if declared else stated_date(plain)
    return [ExtractedDocument(title=title, text=plain, pages=[], author=clean_author(author),
                              date=declared or (stated[0] if stated else None), url=clean_url(meta.get("url") or meta.get("canonical_url")),
                              format="markdown", content_hash=content_hash, warnings=warnings)]


def _require_text(plain: str) -> None:
    if not plain:
        raise ExtractionError("This file has no text.", "Check that it is the file you meant to add.")


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` lines of a leading front matter block, and the text after it."""
    match = _FRONT.match(text.lstrip("\ufeff"))
    if not match or match.group(1).count("\n") > 200:
        return {}, text
    meta = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            if value:
                meta[key.strip().lower()] = value
    return meta, text[match.end():]


def markdown_paragraphs(body: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Each block as one paragraph of plain text, and the headings as (level, text)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(body)
    paragraphs: list[str] = []
    headings: list[tuple[int, str]] = []
    cells: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.type == "inline":
            text = _inline_text(token.children or [])
            opener = tokens[index - 1] if index else None
            if cells is not None and opener is not None and opener.type in ("th_open", "td_open"):
                cells.append(" ".join(text.split()))
                continue
            paragraphs.append(text)
            if opener is not None and opener.type == "heading_open":
                headings.append((int(opener.tag[1:]), text))
        elif token.type in ("fence", "code_block"):
            paragraphs.append(re.sub(r"\n\s*\n", "\n", token.content))
        elif token.type == "html_block":
            paragraphs.append(_strip_tags(token.content))
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close":
            if cells:
                paragraphs.append(" | ".join(c for c in cells if c))
            cells = None
    return paragraphs, headings


def _inline_text(children) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)  # the alt text
        elif child.type == "html_inline" and re.fullmatch(r"<br\s*/?>", child.content.strip(), re.IGNORECASE):
            parts.append("\n")
    return "".join(parts)


def _strip_tags(fragment: str) -> str:
    fragment = re.sub(r"<!--.*?(?:-->|\Z)", " ", fragment, flags=re.DOTALL)
    fragment = re.sub(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", " ", fragment, flags=re.DOTALL | re.IGNORECASE)
    return html.unescape(re.sub(r"<[^<>]*>", " ", fragment))
