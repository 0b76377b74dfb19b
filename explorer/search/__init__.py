"""Search: keyword, semantic and hybrid ranking over a store, phrases, filters, highlights, why a
hit matched, did-you-mean (spelling, with the word lists of wordlists), and whether a query is
in English (language, calibrated by language_calibration)."""
