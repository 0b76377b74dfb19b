"""Highlighting escapes all text; spans point at the matched words."""

from explorer.highlight import highlight_spans, snippet_window, to_html


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
