"""Quality in a haystack: the gold questions over the bundled story plus N passages of real
distractor text (part of `bench --scale N`).

The story's corpus files and the scale run's distractor documents (the same paragraphs, written
the same way) go into one corpus, built through the same code as any collection, with the scale
run's embedding cache (so the distractors are not embedded again). Every gold question is asked
of the story alone and of the haystack, in every mode; the table gives both and the fall.

For the questions that lose their hit in the haystack, the distractors that pushed the answer out
of the top 5 are counted by what brought them in: a keyword match (the question shares a word
with the distractor) or meaning only. The story's kinds are scored by their best sentence too
(explorer.search.sentence_scores) and the distractors, being added documents, are not, so the
table also shows the haystack with sentence scoring off: the figure that does not lean on it.
"""

import dataclasses
import shutil
from pathlib import Path

from explorer.bench import GOLD
from explorer.bench.evaluate import evaluate, load_gold
from explorer.errors import ExplorerError
from explorer.settings import Config

MODES = ("hybrid", "semantic", "keyword")


def haystack_table(config: Config, encoder, parts_corpus: Path, work: Path) -> str:
    """`parts_corpus`: the scale run's corpus of distractor documents; `encoder`: cached, loaded."""
    from explorer.search.engine import Engine
    from explorer.search.sentence_scores import SentenceScores
    from explorer.store.index import build_index, load_index

    corpus, index = work / "haystack" / "corpus", work / "haystack" / "index"
    _combine(Path(config.corpus_dir), parts_corpus, corpus)
    hay_config = dataclasses.replace(config, corpus_dir=corpus, index_dir=index)
    try:
        load_index(index, encoder.name, corpus, config.exact_limit)
    except ExplorerError:
        build_index(corpus, index, encoder, config.exact_limit)
    gold = load_gold(GOLD)
    story = Engine.open(config, encoder=encoder)
    haystack = Engine.open(hay_config, build=False, encoder=encoder)
    alone = {mode: evaluate(story, gold, mode) for mode in MODES}
    among = {mode: evaluate(haystack, gold, mode) for mode in MODES}
    intruders = _intruders(haystack, gold, alone["hybrid"].misses)
    haystack._sentence_scores = SentenceScores({})  # the same haystack, each passage by its own vector only
    plain = {mode: evaluate(haystack, gold, mode) for mode in ("hybrid", "semantic")}
    distractors = len(haystack.passages) - len(story.passages)
    rows = [f"\n#### Quality in a haystack: the {len(gold)} gold questions over the story ({len(story.passages)} passages) "
            f"plus {distractors:,} distractor passages\n",
            "| mode | story alone hit@5 | MRR@10 | in the haystack hit@5 | MRR@10 | hit@5 fall | "
            "haystack, no sentence scoring: hit@5 | MRR@10 |", "|---|---|---|---|---|---|---|---|"]
    for mode in MODES:
        a, h, p = alone[mode], among[mode], plain.get(mode)
        rows.append(f"| {mode} | {a.hit_at_5:.3f} | {a.mrr_at_10:.3f} | {h.hit_at_5:.3f} | {h.mrr_at_10:.3f} | "
                    f"{a.hit_at_5 - h.hit_at_5:+.3f} | {f'{p.hit_at_5:.3f} | {p.mrr_at_10:.3f}' if p else '- | -'} |")
    lost = [q for q in among["hybrid"].misses if q not in alone["hybrid"].misses]
    rows.append(f"\nHybrid: {len(lost)} question{'s' if len(lost) != 1 else ''} lost {'their' if len(lost) != 1 else 'its'} "
                f"hit in the haystack. In those questions' top 5, {intruders['keyword']} distractor"
                f"{'s' if intruders['keyword'] != 1 else ''} came in with a keyword match and {intruders['meaning']} by "
                "meaning only.")
    return "\n".join(rows)


def _combine(story_corpus: Path, parts_corpus: Path, corpus: Path) -> None:
    """The story's corpus files and the distractor documents in one folder (files left as they
    are when unchanged, so a rerun keeps the corpus fingerprint and reuses the index)."""
    corpus.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for source in (story_corpus, parts_corpus):
        for path in source.rglob("*"):
            if path.is_file():
                target = corpus / path.relative_to(source)
                wanted.add(target)
                if not target.is_file() or target.read_bytes() != path.read_bytes():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
    for path in sorted(corpus.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()


def _intruders(haystack, gold: list[dict], missed_alone) -> dict:
    """Distractors (not story passages) in the hybrid top 5 of questions that lose their hit in
    the haystack, by what brought them in."""
    counts = {"keyword": 0, "meaning": 0}
    for g in gold:
        if g["question"] in missed_alone:
            continue
        hits = haystack.search(g["question"], k=5).hits
        if {h.passage.id for h in hits} & set(g["relevant"]):
            continue
        for hit in hits:
            if hit.passage.kind == "document":
                counts["keyword" if hit.why.get("keyword_score") else "meaning"] += 1
    return counts
