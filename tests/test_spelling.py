"""'Did you mean': suggestions come from the corpus's own words, never touch figures, short
words or words the corpus has, and keep the rest of the query as typed."""

from explorer.search.spelling import correct_word, suggest, vocabulary

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
    assert suggest('"clod egress" fees?', vocab()).query == '"cloud egress" fees?'


def test_ties_go_to_the_more_frequent_corpus_word():
    words = vocabulary(["cloud cloud cloud", "clout"])
    assert correct_word("clou", words) == "cloud"


def test_the_allowed_distance_grows_with_the_word():
    words = vocabulary(["investment"])
    assert correct_word("invesment", words) == "investment"  # one letter missing
    assert correct_word("invstmnt", words) == "investment"  # two edits: fine for a long word
    assert correct_word("invstmt", words) is None  # three edits: too far
    assert correct_word("cluod", vocabulary(["cloud"])) is None  # two edits in a five-letter word: too far
