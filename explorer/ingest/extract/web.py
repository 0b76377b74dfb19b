"""Saved web pages through trafilatura: the main text only, with the metadata the page declares."""

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
    title_or_fallback,
)
from explorer.ingest.extract.dates import stated_date


def extract_html(text: str, filename: str | None, limits: Limits, content_hash: str,
                 warnings: list[str]) -> list[ExtractedDocument]:
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max(limits.max_bytes * 4, 1)))  # characters, not bytes
    try:
        tree = trafilatura.load_html(text)
    except Exception as error:
        raise _unparseable(error) from None
    if tree is None:
        raise _unparseable(ValueError("lxml found no HTML tree"))
    elements = sum(1 for _ in tree.iter())
    if elements > limits.max_html_elements:
        raise ExtractionError(f"This web page has {elements:,} HTML elements, more than the "
                              f"{limits.max_html_elements:,} that can be searched for its article in reasonable time.",
                              "Save just the article (reader view, or print it to PDF), or copy its text into a "
                              ".txt file, and add that.")
    keep_times_in_prose(tree)
    try:
        document = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            include_links=False, include_formatting=False, config=config,
            # Only dates the page declares (meta tags, structured data, the URL), not any date in its text.
            date_extraction_params={"original_date": True, "extensive_search": False})
    except Exception as error:  # lxml or trafilatura choking on a hostile page
        raise _unparseable(error) from None
    body = (getattr(document, "text", None) or "") if document is not None else ""
    # trafilatura puts each block (paragraph, heading, list item, table row) on its own line.
    paragraphs = [line for line in body.split("\n") if line.strip()]
    plain = CharBudget(limits).spend(join_paragraphs(paragraphs))
    if not plain:
        raise ExtractionError("No article text was found in this web page.",
                              "Save the page once the article has fully loaded (File › Save Page As…), "
                              "or copy its text into a .txt file and add that.")
    title = title_or_fallback(document.title, first_line(plain), filename=filename)
    declared = iso_date(document.date)  # the page's own published time (meta tags, structured data)
    stated = None if declared else stated_date(plain)
    return [ExtractedDocument(title=title, text=plain, pages=[], author=clean_author(document.author),
                              date=declared or (stated[0] if stated else None), url=clean_url(document.url), format="html",
                              content_hash=content_hash, warnings=list(warnings))]


# Elements whose text is a paragraph of the page, as trafilatura keeps them.
_TEXT_BLOCKS = {"p", "li", "td", "th", "blockquote", "dd", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}


def keep_times_in_prose(tree) -> None:
    """Unwrap each <time> that sits inside a sentence, so its words stay in the text.

    trafilatura removes <time> elements whole, which suits a byline's "3 min read" but cuts a
    date out of prose: "BOSTON, <time>June 18, 2025</time>" became "BOSTON," and "The board met on
    <time>3 March</time>" lost its date. A <time> alone in its block is left to trafilatura."""
    for element in list(tree.iter("time")):
        block = next((a for a in element.iterancestors() if isinstance(a.tag, str) and a.tag.lower() in _TEXT_BLOCKS), None)
        own = "".join(element.itertext())
        if block is None or not own.strip() or not "".join(block.itertext()).replace(own, "", 1).strip():
            continue
        parent, previous = element.getparent(), element.getprevious()
        words = own + (element.tail or "")
        if previous is not None:
            previous.tail = (previous.tail or "") + words
        else:
            parent.text = (parent.text or "") + words
        parent.remove(element)


def _unparseable(error: BaseException) -> ExtractionError:
    return ExtractionError("This web page could not be parsed, so its text cannot be read.",
                           "Save the page again from the browser, or copy its text into a .txt file and add that.",
                           detail=f"{type(error).__name__}: {error}"[:300])
