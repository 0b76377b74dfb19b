"""The haystack of `bench --scale N`: the story's corpus files and the distractor documents in one
corpus folder, rebuilt in place without touching what did not change."""

from explorer.bench.haystack import _combine


def test_the_haystack_corpus_holds_the_story_and_the_distractors_and_nothing_stale(tmp_path):
    story, parts, corpus = tmp_path / "story", tmp_path / "parts", tmp_path / "corpus"
    (story / "reviews").mkdir(parents=True)
    (story / "article.json").write_text("{}")
    (story / "reviews" / "coverage_review.json").write_text("[]")
    parts.mkdir()
    (parts / "part-00000.txt").write_text("A distractor paragraph.\n")
    (corpus / "reviews").mkdir(parents=True)
    (corpus / "part-00009.txt").write_text("left from a bigger run")
    _combine(story, parts, corpus)
    assert sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file()) == [
        "article.json", "part-00000.txt", "reviews/coverage_review.json"]
    before = (corpus / "article.json").stat().st_mtime_ns
    _combine(story, parts, corpus)
    assert (corpus / "article.json").stat().st_mtime_ns == before  # unchanged: the fingerprint holds
