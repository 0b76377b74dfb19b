"""Highlighting escapes all text; spans point at the matched words."""

from explorer.search.highlight import highlight_spans, phrase_spans, sentence_span, snippet_window, to_html
from explorer.text import terms_of


def test_html_in_corpus_or_query_is_escaped():
    text = 'Evil <img src=x onerror=alert(1)> & "quotes"'
    spans = highlight_spans(text, ["img", "onerror"], [], None)
    rendered = to_html(text, spans)
    assert "<img" not in rendered and "&lt;<mark>img</mark>" in rendered
    assert rendered.count("<mark>") == 2 and "&amp;" in rendered


def test_term_phrase_and_sentence_spans():
    text = "Microsoft pledged €15 million. The loan converts later."
    spans = highlight_spans(text, ["million"], ["the loan"], (31, 55))
    kinds = {(text[s["start"]:s["end"]], s["kind"]) for s in spans}
    assert ("million", "term") in kinds and ("The loan", "phrase") in kinds and ("The loan converts later.", "sentence") in kinds
    assert '<span class="best"><mark>The loan</mark></span>' in to_html(text, spans)


def test_snippet_window_keeps_best_sentence_and_whole_words():
    text = "word " * 200 + "Here is the best sentence." + " tail" * 100
    start = text.index("Here")
    spans = [{"start": start, "end": start + 26, "kind": "sentence"}]
    a, b = snippet_window(text, spans, width=200)
    assert a <= start and b >= start + 26 and text[a - 1] == " " and (b == len(text) or text[b] == " ")


def test_one_helper_makes_the_best_sentence_span():
    assert sentence_span((3, 9)) == ({"start": 3, "end": 9, "kind": "sentence"},)
    assert sentence_span(None) == ()
    spans = highlight_spans("One. Two.", [], [], (5, 9))
    assert spans == list(sentence_span((5, 9)))


def test_a_base_word_is_not_highlighted_inside_its_negation():
    text = "Microsoft will not use non-public data; public APIs are documented."
    public = [text[s["start"]:s["end"]] for s in highlight_spans(text, terms_of("public"), [], None)]
    assert public == ["public"] and text.index("public APIs") == highlight_spans(text, terms_of("public"), [], None)[0]["start"]
    negated = [text[s["start"]:s["end"]] for s in highlight_spans(text, terms_of("nonpublic"), [], None)]
    assert negated == ["non-public"]


def test_a_phrase_starts_at_a_word_not_inside_one():
    text = "Non-public data is not public data. MAIL is not AI."
    assert [text[a:b] for a, b in phrase_spans(text, ["public data"])] == ["public data"]
    assert phrase_spans(text, ["public data"])[0][0] == text.index("public data.")
    assert [text[a:b] for a, b in phrase_spans(text, ["ai"])] == ["AI"]
    assert [text[a:b] for a, b in phrase_spans(text, ["non-public"])] == ["Non-public"]
