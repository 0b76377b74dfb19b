"""'Did you mean': suggestions come from the corpus's own words, never touch figures, short
words, words the corpus has, words of the English word list or of the query's own language, and
keep the rest of the query as typed."""

from explorer.links.search import SearchState
from explorer.search import wordlists
from explorer.search.spelling import correct_word, suggest, vocabulary
from explorer.views.search import did_you_mean

TEXTS = ["Microsoft's investment in Mistral AI was EUR 15 million.",
         "Mistral released models; investors invested. Cloud egress fees and switching.",
         "Investment, investment, investigation."]


def vocab():
    return vocabulary(TEXTS)


def test_vocabulary_counts_lower_cased_words_and_skips_figures():
    words = vocab()
    assert words["investment"] == 3 and words["mistral"] == 2
    assert "15" not in words and "Microsoft's".lower() in words


def test_typos_are_corrected_to_corpus_words_keeping_the_typed_case():
    suggestion = suggest("Mistrall invesment", vocab())
    assert suggestion.query == "Mistral investment"
    assert suggestion.changes == (("Mistrall", "Mistral"), ("invesment", "investment"))


def test_a_query_the_corpus_spells_gets_no_suggestion():
    assert suggest("Mistral investment egress", vocab()) is None
    assert suggest("", vocab()) is None


def test_figures_short_words_and_far_words_are_left_alone():
    words = vocab()
    assert correct_word("EUR", words) is None  # short
    assert correct_word("16", words) is None
    assert suggest("EUR 16M", words) is None
    assert correct_word("zzzzzzzz", words) is None  # nothing close


def test_punctuation_and_quotes_around_a_corrected_word_are_kept():
    assert suggest('"clowd egress" fees?', vocab()).query == '"cloud egress" fees?'


def test_ties_go_to_the_more_frequent_corpus_word():
    words = vocabulary(["cloud cloud cloud", "clout"])
    assert correct_word("clou", words, known=set()) == "cloud"  # no word list: "clou" is a French word


def test_the_allowed_distance_grows_with_the_word():
    words = vocabulary(["investment"])
    assert correct_word("invesment", words) == "investment"  # one letter missing
    assert correct_word("invstmnt", words) == "investment"  # two edits: fine for a long word
    assert correct_word("invstmt", words) is None  # three edits: too far
    assert correct_word("cluod", vocabulary(["cloud"])) is None  # two edits in a five-letter word: too far


# The examples of the issue: correct words that "did you mean" used to replace.
SOURCES = vocabulary(["The regulator investigated the deal for 30 days.", "Money changed hands.",
                      "Mistral raised money; Microsoft invested.", "The investment was announced."])


def test_a_correct_english_word_the_sources_do_not_use_is_never_replaced():
    assert "investigate" not in SOURCES and "monday" not in SOURCES  # the sources say investigated, money
    assert suggest("Did the regulator investigate", SOURCES) is None  # not "investigated"
    assert suggest("Monday announcement", SOURCES) is None  # not "Money"


def test_a_word_of_the_language_the_query_is_in_is_never_replaced():
    french = "Combien Microsoft a-t-il investi dans Mistral ?"
    assert ("dans", "days") in suggest(french, SOURCES).changes  # what a word list of English alone allows
    assert did_you_mean(SearchState(q=french), SOURCES) is None  # the query is French: "dans" is a word


def test_real_typos_are_still_corrected():
    assert suggest("Mistrall investmnet", SOURCES).query == "Mistral investment"


def test_no_word_the_sources_use_is_ever_replaced():
    for word in SOURCES:
        assert suggest(word, SOURCES) is None, word
        assert suggest(word.capitalize(), SOURCES) is None, word


def test_no_word_of_the_english_word_list_is_ever_replaced():
    table = wordlists.words(wordlists.ENGLISH)
    sample = sorted(table)[::500]  # 300-odd words across the alphabet
    assert len(sample) > 300
    for word in sample:
        assert correct_word(word, SOURCES) is None, word


def test_a_query_of_corpus_words_reads_no_word_list():
    wordlists.frequencies.cache_clear()
    assert suggest("Mistral investment egress", vocab()) is None
    assert wordlists.frequencies.cache_info().currsize == 0
