"""The query parser is pure: phrases, terms, cleaning and limits, without a model."""

from explorer.search.query import parse_query
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


def test_a_title_or_an_initial_does_not_end_a_sentence_but_a_word_ending_like_one_does():
    """"Ms. Raman said." is one sentence, not a claim "Raman said." after a fragment ending "Ms.";
    "the group." and "multilingual LLMs." end theirs (they only end in the letters of "p" and "Ms")."""
    text = ('"The centre will be open to all," Ms. Raman said. The fine was set by Dr. Anders Lund and J. Berg. '
            "It went to the group. Then it sold multilingual LLMs. Mr. Krüger and Ms. Raman will present it.")
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        '"The centre will be open to all," Ms. Raman said.', "The fine was set by Dr. Anders Lund and J. Berg.",
        "It went to the group.", "Then it sold multilingual LLMs.", "Mr. Krüger and Ms. Raman will present it."]


def test_after_an_abbreviation_that_is_no_title_a_capitalised_function_word_starts_a_new_sentence():
    text = "It sold robots in the U.S. The U.S. Senate asked why. It sold the unit to Halvard Systems Inc. It grew."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "It sold robots in the U.S.", "The U.S. Senate asked why.", "It sold the unit to Halvard Systems Inc.", "It grew."]


def test_negated_compounds_are_one_term_that_the_base_word_does_not_match():
    assert terms_of("non-public data") == ["nonpublic", "data"]
    assert terms_of("nonpublic") == terms_of("non-public") == terms_of("Non\u2011public") == ["nonpublic"]
    assert "public" not in terms_of("Microsoft will not use non-public data")
    assert terms_of("anti-competitive, non-exclusive, un-American, dis-incentive, counter-offer") == [
        "anticompetitive", "nonexclusive", "unamerican", "disincentive", "counteroffer"]
    assert "microsoft" not in terms_of("non-Microsoft clouds")


def test_other_hyphenated_words_keep_their_parts_so_names_stay_findable():
    assert terms_of("Microsoft-OpenAI partnership") == ["microsoft", "openai", "partnership"]
    assert terms_of("GPT-4") == ["gpt", "4"] and terms_of("in-house") == ["house"]
    assert terms_of("UN-backed") == ["un", "backed"]  # the United Nations, not a negation


def test_question_words_are_not_terms():
    parsed = parse_query("How much does the startup get, and what does it say?")
    assert parsed.terms == ("startup",)  # "does" is not the term "doe"


def test_each_term_remembers_the_word_it_came_from():
    parsed = parse_query("Will Microsoft use developers' non-public data?")
    assert parsed.word("developer") == "developers"
    assert parsed.word("nonpublic") == "non-public" and len(parsed.words) == len(parsed.terms)
