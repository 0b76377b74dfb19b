"""Search: keyword, semantic and hybrid ranking over a store, phrases, filters, highlights, why a
hit matched, and did-you-mean."""
