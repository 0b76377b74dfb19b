"""What each reference item commits to, as short facets, and their embeddings.

An item is described by several short plain sentences (its facets: corpus/facets/<set id>.json,
written from the item's own text before any document under study was read; see
corpus/facets/README.md). An article paraphrases loosely, and one sentence of it usually
restates one facet: matching facet against sentence finds that where one long item text against
one whole paragraph does not. An item with no written facets gets its own sentences as facets.

Facets are embedded by the model at comparison time, once per process and text: each text in its
own forward pass, so a facet's vector never depends on which other texts were embedded with it
(the int8 model's batched vectors do).
"""

import threading
from pathlib import Path

import numpy as np

from explorer.text import sentence_spans

FACETS_DIR = "facets"


def written_facets(corpus_dir, set_id: str) -> dict[int, list[str]]:
    """{item number: facets} from corpus/facets/<set_id>.json ({} when there is no such file)."""
    path = Path(corpus_dir) / FACETS_DIR / f"{set_id}.json"
    if not path.is_file():
        return {}
    from explorer.story.corpus import read_json

    raw = read_json(path)
    out = {}
    for item in raw.get("items") or []:
        facets = [str(f).strip() for f in item.get("facets") or [] if str(f).strip()]
        if facets:
            out[int(item["number"])] = facets
    return out


def own_sentences(text: str) -> list[str]:
    """An item's own sentences, as facets for an item that has none written."""
    spans = sentence_spans(text or "")
    sentences = [text[a:b].strip() for a, b in spans if text[a:b].strip()]
    return sentences or ([text.strip()] if (text or "").strip() else [])


class FacetVectors:
    """Embeddings of facet texts, computed once per (model, text): kept for the process and, when an
    index folder is given, in that folder (explorer.analysis.coverage.fit_cache), so a new process
    neither re-embeds them nor loads the model for them."""

    def __init__(self):
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._loaded: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def _load(self, index_dir, key: str) -> None:
        from explorer.analysis.coverage import fit_cache

        marker = (str(index_dir), key)
        if index_dir is None or marker in self._loaded:
            return
        stored = fit_cache.read_facet_vectors(index_dir, key)
        with self._lock:
            for text, vector in stored.items():
                self._vectors.setdefault((key, text), vector)
            self._loaded.add(marker)

    def of(self, encoder, texts: list[str], model_id: str = "", index_dir=None) -> np.ndarray:
        """Rows for `texts`, in order (L2-normalised, as the encoder returns them). `encoder` is
        anything with `encode(list[str])`, or a function returning one (called only when a text is
        not embedded yet)."""
        key = model_id or getattr(encoder, "name", "") or type(encoder).__name__
        self._load(index_dir, key)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if (key, t) not in self._vectors]
        if missing:
            model = encoder if hasattr(encoder, "encode") else encoder()
            for text in missing:  # one text per forward pass: see the module docstring
                vector = np.asarray(model.encode([text]), dtype=np.float32)[0]
                with self._lock:
                    self._vectors[(key, text)] = vector
            if index_dir is not None:
                from explorer.analysis.coverage import fit_cache

                with self._lock:
                    mine = {t: v for (k, t), v in self._vectors.items() if k == key}
                fit_cache.write_facet_vectors(index_dir, key, mine)
        with self._lock:
            return np.vstack([self._vectors[(key, t)] for t in texts]) if texts else np.zeros((0, 0), np.float32)

    def __len__(self) -> int:
        return len(self._vectors)


SHARED = FacetVectors()
