"""The story model: collections of documents, their corpus files and passages, the timeline and
the sources they cite."""
