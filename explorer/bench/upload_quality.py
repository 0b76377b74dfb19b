"""Search quality on a journalist's upload: the bundled article added as a document, under the
sentence rule an index of its size follows (explorer.store.index.sentence_kinds_for) and with one
text per passage (the rule of a collection above SENTENCE_ALL_LIMIT).

The gold questions whose answer includes an article paragraph are asked of a copy of the bundled
corpus where the article is an added document (kind "document"); each answer paragraph is found
again by its text. Part of `python -m explorer bench`.
"""

import dataclasses
import json
import shutil
import tempfile
from pathlib import Path

from explorer.bench.evaluate import evaluate

MODES = ("hybrid", "semantic")


def upload_table(story, gold: list[dict], encoder, work: Path | None = None) -> str:
    """`story`: the engine of the bundled story; `encoder`: its loaded model."""
    from explorer.search.engine import Engine
    from explorer.store import index as index_module

    rows = ["\n### Search over an uploaded article (the bundled article added as a document)\n",
            "| sentences stored for the document | mode | questions | hit@5 | MRR@10 |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(work or scratch)
        corpus = folder / "corpus"
        shutil.copytree(story.config.corpus_dir, corpus, dirs_exist_ok=True)
        meta = json.loads((corpus / "article.json").read_text(encoding="utf-8"))
        (corpus / "article.json").write_text(json.dumps({**meta, "kind": "document"}), encoding="utf-8")
        rule = index_module.SENTENCE_ALL_LIMIT
        for label, limit in (("no (one text per passage)", 0), ("yes (a collection of its size)", rule)):
            index_module.SENTENCE_ALL_LIMIT = limit
            try:
                index_dir = folder / f"index-{limit}"
                index_module.build_index(corpus, index_dir, encoder, story.config.exact_limit)
                upload = Engine.open(dataclasses.replace(story.config, corpus_dir=corpus, index_dir=index_dir),
                                     build=False, encoder=encoder)
            finally:
                index_module.SENTENCE_ALL_LIMIT = rule
            questions = _on_the_upload(story, upload, gold)
            for mode in MODES:
                q = evaluate(upload, questions, mode)
                rows.append(f"| {label} | {mode} | {len(questions)} | {q.hit_at_5:.3f} | {q.mrr_at_10:.3f} |")
    rows.append(f"\nStored sentences: every passage's, in a collection of at most {rule:,} passages "
                "(explorer.store.index.SENTENCE_ALL_LIMIT); a passage scores max(its cosine, its best sentence's).")
    return "\n".join(rows)


def _on_the_upload(story, upload, gold: list[dict]) -> list[dict]:
    """The questions with an article answer, their article paragraphs renamed to the upload's."""
    by_text = {p.text: p.id for p in upload.passages if p.kind == "document"}
    out = []
    for g in gold:
        if any(r.startswith("article:") for r in g["relevant"]):
            relevant = [by_text[story.passage(r).text] if r.startswith("article:") else r for r in g["relevant"]]
            out.append({**g, "relevant": relevant})
    return out
