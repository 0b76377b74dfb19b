"""Bringing documents in: extraction per format with limits against hostile files, adding and
removing documents of a collection, and the content-hash embedding cache."""
