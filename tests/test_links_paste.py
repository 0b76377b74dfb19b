"""URLs a reader copies from a page paste as working URLs: ui.common.md_url shows a URL as a link
whose label is the URL itself, in a code span (never auto-linked, so no invisible word joiners)
and whose href is checked to be http(s); md_escape keeps splitting URLs inside arbitrary text,
so a bare URL in a document never becomes a live link.

Pinned to the bundled story's ids (article:8): the test index every run builds holds the bundled
story, and these tests need a passage or event known to be in it; what they check does not depend on
which one.
"""

import re

import pytest
from markdown_it import MarkdownIt

from ui.common import WORD_JOINER, md_escape, md_url

GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# What GFM's auto-link extension turns into a link in plain text (the renderer's links aside).
AUTOLINKABLE = re.compile(r"(?i)\b(?:https?://|www\.)\S|\w@\w")


def links(markdown: str) -> list[tuple[str, str]]:
    """(href, shown text) of every link the markdown renders, and of every piece of plain text
    (outside links and code) GFM would auto-link."""
    html = GFM.render(markdown)
    found = [(href, re.sub(r"<[^>]+>", "", text)) for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', html)]
    plain = re.sub(r"<a [^>]*>.*?</a>|<code>.*?</code>|<[^>]+>", " ", html)
    return found + [("auto", m.group(0)) for m in AUTOLINKABLE.finditer(plain)]


@pytest.mark.parametrize("url", ["https://blogs.example.org/on-the-issues/2024/02/26/post",
                                 "http://localhost:8501/search?p=article:8&q=egress+fees",
                                 "https://www.example.org/a@b/?x=1#frag"])
def test_a_shown_url_is_one_link_whose_text_is_its_href(url):
    shown = md_url(url)
    assert WORD_JOINER not in shown
    assert links(shown) == [(url.replace("&", "&amp;"), url.replace("&", "&amp;"))]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://x.example/f"])
def test_a_url_that_is_not_http_is_shown_as_code_never_linked(url):
    shown = md_url(url)
    assert links(shown) == [] and GFM.render(shown).count("<code>") == 1


@pytest.mark.parametrize("url", ["https://x.example/a)](javascript:alert(1))", "https://x.example/`code`<b>x</b>",
                                 "https://x.example/[a](b) c"])
def test_a_hostile_url_stays_one_link_to_its_own_host(url):
    found = links(md_url(url))
    assert len(found) == 1 and found[0][0].startswith("https://x.example/") and "<" not in found[0][0]


def test_a_bare_url_in_document_text_is_still_no_link():
    text = "See https://evil.example/x or www.evil.example, mail a@evil.example."
    assert links(md_escape(text)) == []
