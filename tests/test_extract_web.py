"""Document extraction, Web pages and Markdown: the main text and declared metadata, markup stripped.

Each format from bytes the tests make (tests/extract_documents.py), each refusal with its message."""

from tests.extract_documents import HTML_PAGE, MARKDOWN, one


def test_html_keeps_the_article_and_its_metadata_not_the_boilerplate():
    doc = one(HTML_PAGE.encode(), "saved-page.html")
    assert doc.format == "html"
    assert "long-awaited set of rules" in doc.text
    assert "keep logs of access requests" in doc.text
    for boilerplate in ("cookie", "Technology section", "Politics", "All rights reserved", "never run"):
        assert boilerplate not in doc.text
    assert doc.title == "Regulators publish the AI access rules"
    assert doc.author == "Jane Reporter"
    assert doc.date == "2024-03-05"
    assert doc.url == "https://news.example.org/2024/ai-access-rules"
    assert "\n\n" in doc.text and "<" not in doc.text


def test_html_without_declared_metadata_leaves_it_empty():
    page = HTML_PAGE.replace('<meta name="author" content="Jane Reporter">', "").replace(
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "").replace(
        '<link rel="canonical" href="https://news.example.org/2024/ai-access-rules">', "")
    doc = one(page.encode(), "page.html")
    assert (doc.author, doc.date, doc.url) == (None, None, None)


def test_a_date_marked_up_inside_a_sentence_stays_in_it_and_a_lone_reading_time_does_not():
    """A dateline and a sentence that mark their dates with <time> keep those words (before, the
    page read "WASHINGTON," and "met on to discuss"); a <time> alone in its paragraph ("4 min
    read") is page furniture and stays out."""
    page = HTML_PAGE.replace("<h1>Regulators publish the AI access rules</h1>", """<h1>Regulators publish the AI access rules</h1>
<p class="dateline">WASHINGTON, <time datetime="2024-03-05">March 5, 2024</time></p>
<p><time datetime="2024-03-05T10:00">4 min read</time></p>""").replace(
        "can submit comments.</p>",
        'can submit comments.</p>\n<p>The regulator first met the providers on <time datetime="2024-01-09">9 January</time> '
        "to discuss a draft of the rules, officials said.</p>")
    paragraphs = [" ".join(p.split()) for p in one(page.encode(), "saved-page.html").text.split("\n\n")]
    assert "WASHINGTON, March 5, 2024" in paragraphs, paragraphs
    assert "The regulator first met the providers on 9 January to discuss a draft of the rules, officials said." in paragraphs
    assert not any("min read" in p for p in paragraphs)


def test_markdown_is_stripped_lightly_and_front_matter_read():
    doc = one(MARKDOWN.encode(), "notes.md")
    assert doc.format == "markdown"
    assert (doc.title, doc.author, doc.date) == ("Notes from the hearing", "Sam Writer", "2024-02-29")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "The hearing"
    assert paragraphs[1] == ("The committee questioned the minister about the contract for three hours, "
                             "and the minister read from budget_line_7.")
    assert "a chart of spending" in doc.text and "raw code stays as text" in doc.text
    assert "An HTML aside kept as text" in " ".join(doc.text.split())
    for markup in ("**", "](", "# ", "```", "<div", "<b>", "title:"):
        assert markup not in doc.text


def test_markdown_with_windows_line_endings():
    doc = one(MARKDOWN.replace("\n", "\r\n").encode(), "notes.md")
    assert (doc.title, doc.date) == ("Notes from the hearing", "2024-02-29")
    assert "\r" not in doc.text


def test_markdown_title_falls_back_to_the_top_heading():
    assert one(b"Intro line\n\n## Minor\n\n# Major heading\n\ntext", "a.md").title == "Major heading"
