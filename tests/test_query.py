"""The query parser is pure: phrases, terms, cleaning and limits, without a model."""

from explorer.query import parse_query
from explorer.text import sentence_spans, terms_of


def test_quoted_phrase_is_extracted_with_straight_or_curly_quotes():
    assert parse_query('who said "convertible loan"?').phrases == ("convertible loan",)
    assert parse_query("the “eleven-point framework” claim").phrases == ("eleven-point framework",)


def test_unbalanced_quote_is_plain_text():
    parsed = parse_query('"convertible loan')
    assert parsed.phrases == () and "convertible" in parsed.terms


def test_empty_and_whitespace_queries_are_empty():
    for raw in ("", "   ", "\n\t", None, "\x00\x01"):
        assert parse_query(raw).is_empty


def test_huge_query_is_truncated_with_a_note():
    parsed = parse_query("mistral " * 2000, max_chars=2000)
    assert len(parsed.text) <= 2000 and parsed.notes and "2,000" in parsed.notes[0]


def test_control_characters_become_spaces_but_emoji_and_rtl_stay():
    parsed = parse_query("mistral\x07 🚀 مايكروسوفت\u202e")
    assert parsed.text == "mistral 🚀 مايكروسوفت"


def test_figures_and_currencies_normalise_the_way_journalists_type_them():
    assert terms_of("€15M") == terms_of("EUR 15 million") == ["eur", "15", "million"]
    assert "1600" in terms_of("more than 1,600 models")
    assert terms_of("principles") == terms_of("principle")
    assert terms_of("invested investment investing") == ["invest"] * 3
    assert terms_of("Mistral AI") == ["mistral", "ai"]  # names are not stemmed away


def test_short_label_before_a_full_stop_is_not_a_sentence():
    text = "VI. Internal governance and accountability: signatories commit. It matters."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "VI. Internal governance and accountability: signatories commit.", "It matters."]


def test_sentences_split_on_terminal_punctuation_only():
    text = "Microsoft pledged €15 million. It equals about $16 million! Is that all? yes."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Microsoft pledged €15 million.", "It equals about $16 million!", "Is that all? yes."]
