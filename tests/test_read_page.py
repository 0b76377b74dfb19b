"""The reading page through Streamlit's AppTest: a paragraph link marks that paragraph in its whole
document; a paraphrased document says it is not a quotation; a bad link falls back with a notice."""

from tests.apptest import open_page


def html_of(at) -> str:
    return "".join(e.proto.body for e in at.get("html"))


def plain(text: str) -> str:
    """A notice as the reader sees it (the page escapes markdown with backslashes)."""
    return text.replace("\\", "")


def test_a_paragraph_link_shows_the_whole_document_with_that_paragraph_marked():
    at = open_page("pages/read.py", {"p": "article:8"})
    assert not at.exception
    body = html_of(at)
    assert 'class="para marked" data-passage="article:8"' in body
    assert body.count('class="para') > 10  # every paragraph of the article, not a window around one
    assert any("Permalink:" in c.value and "/read?p=article:8" in c.value for c in at.code)
    assert not any("paraphrase" in i.value for i in at.info)


def test_a_paraphrased_document_says_it_is_not_its_sources_words():
    at = open_page("pages/read.py", {"doc": "principles"})
    assert not at.exception
    assert any("paraphrase" in i.value for i in at.info)


def test_a_paragraph_that_does_not_exist_falls_back_with_a_notice():
    at = open_page("pages/read.py", {"p": "article:9999"})
    assert not at.exception
    assert any("Ignored p='article:9999'" in plain(w.value) for w in at.warning)
    assert 'class="para marked"' not in html_of(at)
