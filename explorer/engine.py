"""The engine: one loaded index serving keyword, semantic and hybrid search.

Loaded once per process and shared read-only (the app keeps it in st.cache_resource). The
embedding model is loaded lazily, on the first search that needs meaning, so keyword search
and pages that only read passages never import torch.

Batch first: `search_batch` is the one code path; `search(q)` is a batch of one.

Every hit says which of the query's significant words it does not contain
(`why["missing_terms"]`), as web search engines do. When no hit contains any of the query's key
terms, the result says so in its hint: the passages may be near in meaning without making the
claim (see `Engine.key_terms` for what "key" means).
"""

import threading
from dataclasses import dataclass, field

import numpy as np

from explorer import fusion
from explorer.bm25 import BM25
from explorer.errors import ExplorerError, UnknownDocumentError, UnknownPassageError
from explorer.highlight import highlight_spans, phrase_spans
from explorer.index import LoadedIndex, ensure_index, load_index
from explorer.model import Encoder, load_encoder
from explorer.settings import Config
from explorer.passages import KINDS, Passage
from explorer.query import EMPTY_HINT, ParsedQuery, parse_query
from explorer.text import sentence_spans, term_positions, term_spans

MODES = ("hybrid", "semantic", "keyword")
DEFAULT_MODE = "hybrid"
DEFAULT_K = 10
MAX_K = 50
# Below this cosine, with no query word in common, a passage is only loosely related: on the gold
# questions every relevant passage found by meaning alone scored above 0.3.
WEAK_MEANING = 0.3
WEAK_HINT = ("No passage matches strongly: none shares a word with your query and all are only loosely "
             "related in meaning. Try other words, or check whether the sources cover this at all.")
# Key terms: the query's rarest words that the sources do use. A word in more than COMMON_SHARE of
# all passages ("Microsoft", "AI") says nothing about a claim; a word no passage has at all is a
# vocabulary mismatch (the meaning side still finds paraphrases), not evidence either way.
KEY_TERMS = 2
COMMON_SHARE = 0.5
MISSING_KEY_HINT = "None of these passages contains {terms}: the sources may not make this claim."


class UnknownKindError(ExplorerError):
    """A kind filter names a passage kind that does not exist."""

    def __init__(self, unknown: list[str]):
        super().__init__(f"Unknown kind {', '.join(repr(k) for k in unknown)}.",
                         f"Valid kinds: {', '.join(KINDS)}.")


def check_kinds(kind) -> tuple[str, ...] | None:
    """A kind filter as a tuple of known kinds (None: every kind). Accepts a tuple or list of kinds,
    or one string with kinds separated by commas; an unknown kind raises UnknownKindError."""
    if kind is None:
        return None
    if isinstance(kind, str):
        kind = kind.split(",")
    kinds = tuple(dict.fromkeys(str(k).strip() for k in kind if str(k).strip()))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise UnknownKindError(unknown)
    return kinds or None


@dataclass
class Hit:
    passage: Passage
    score: float
    rank: int
    why: dict
    highlights: list[dict]

    def to_dict(self) -> dict:
        p = self.passage
        return {
            "rank": self.rank, "id": p.id, "doc": p.doc, "kind": p.kind, "title": p.title, "section": p.section,
            "locator": p.locator, "date": p.date, "text": p.text, "score": round(float(self.score), 4),
            "principle": p.principle, "source_url": p.source_url, "why": self.why,
            "highlights": self.highlights,
        }


@dataclass
class Result:
    query: str
    mode: str
    k: int
    doc: str | None
    hits: list[Hit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hint: str | None = None
    kind: tuple[str, ...] | None = None  # the kind filter (None: every kind)
    key_terms: list[str] = field(default_factory=list)  # the query's key words, as typed
    index: dict = field(default_factory=dict)  # the index searched: built_at and corpus fingerprint

    def to_dict(self) -> dict:
        return {"query": self.query, "mode": self.mode, "k": self.k, "doc": self.doc,
                "kind": list(self.kind) if self.kind else None, "notes": self.notes, "hint": self.hint,
                "key_terms": self.key_terms, "index": self.index, "hits": [h.to_dict() for h in self.hits]}


class Engine:
    def __init__(self, loaded: LoadedIndex, config: Config, encoder: Encoder | None = None,
                 fusion_method: str = fusion.DEFAULT, alpha: float = fusion.ALPHA):
        self.config = config
        self.manifest = loaded.manifest
        self.passages = loaded.passages
        self.faiss_index = loaded.faiss_index
        self.fusion_method = fusion_method
        self.alpha = alpha
        self._by_id = {p.id: i for i, p in enumerate(self.passages)}
        self._lower = [p.text.lower() for p in self.passages]
        self._doc_of = np.array([p.doc for p in self.passages])
        self._kind_of = np.array([p.kind for p in self.passages])
        self._periods = np.array([_period_ordinals(p.date) for p in self.passages], dtype=float).reshape(-1, 2)
        self.document_ids = list(dict.fromkeys(p.doc for p in self.passages))  # in index order
        self.bm25 = BM25([f"{p.section} {p.text}" for p in self.passages])
        self._vectors = _vectors_of(self.faiss_index)
        self._positions = [term_positions(p.text) for p in self.passages]
        self._starts = [frozenset(s for spans in pos.values() for s, _ in spans) for pos in self._positions]
        self._sentences = [sentence_spans(p.text) for p in self.passages]
        offsets = np.cumsum([0] + [len(s) for s in self._sentences])
        self._sentence_rows = [(int(a), int(b)) for a, b in zip(offsets[:-1], offsets[1:])]
        self._sentence_starts = offsets[:-1].astype(np.int64)
        self._sentence_vectors = loaded.sentence_vectors
        self._encoder = encoder
        self._encoder_lock = threading.Lock()

    # --- loading -------------------------------------------------------------------------

    @classmethod
    def open(cls, config: Config, build: bool = True, encoder: Encoder | None = None) -> "Engine":
        """Load the index for the configured model; build it first if missing or stale.

        `encoder`: a model already loaded in this process, to share instead of loading another."""
        holder = {"encoder": encoder} if encoder is not None else {}

        def factory():
            if "encoder" not in holder:
                holder["encoder"] = load_encoder(config)
            return holder["encoder"]

        if build:
            ensure_index(config, factory)
        return cls(load_index(config.index_dir, config.model_id, config.corpus_dir), config, holder.get("encoder"))

    @property
    def encoder(self) -> Encoder:
        with self._encoder_lock:
            if self._encoder is None:
                self._encoder = load_encoder(self.config, self.manifest["model"])
            return self._encoder

    @property
    def encoder_loaded(self) -> bool:
        return self._encoder is not None

    # --- passages ------------------------------------------------------------------------

    def passage(self, passage_id: str) -> Passage:
        if passage_id not in self._by_id:
            raise UnknownPassageError(passage_id)
        return self.passages[self._by_id[passage_id]]

    @property
    def vectors(self) -> np.ndarray:
        """Passage embeddings (normalised), row i for passages[i]. Shared: do not modify."""
        return self._vectors

    def sentences_of(self, passage_id: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """A passage's sentence spans and their embeddings (one row per span)."""
        j = self._by_id[self.passage(passage_id).id]
        first, last = self._sentence_rows[j]
        return self._sentences[j], self._sentence_vectors[first:last]

    def has_passage(self, passage_id: str) -> bool:
        return passage_id in self._by_id

    def context(self, passage_id: str, before: int = 1, after: int = 1) -> list[Passage]:
        """The passage with its neighbours in the same document, in reading order."""
        i = self._by_id[self.passage(passage_id).id]
        doc = self.passages[i].doc
        window = self.passages[max(0, i - before): i + after + 1]
        return [p for p in window if p.doc == doc]

    def check_doc(self, doc: str | None) -> None:
        if doc and doc not in self.document_ids:
            raise UnknownDocumentError(doc, self.document_ids)

    @property
    def build(self) -> dict:
        """Which index answered: its build time and corpus fingerprint (for exports and audits)."""
        return {"built_at": self.manifest.get("built_at"), "fingerprint": self.manifest.get("corpus_fingerprint")}

    def key_terms(self, query: ParsedQuery) -> list[str]:
        """The query's key terms: its KEY_TERMS rarest significant terms among those some passage
        has and at most COMMON_SHARE of the passages have (rarest: fewest passages, i.e. highest
        IDF; ties keep the query's order). Document frequency is over the whole index, whatever
        the filters, so a filter cannot make a common word look rare."""
        limit = COMMON_SHARE * len(self.passages)
        ranked = sorted((df, i, term) for i, term in enumerate(query.terms)
                        if 0 < (df := self.bm25.document_frequency(term)) <= limit)
        return [term for _, _, term in ranked[:KEY_TERMS]]

    # --- search --------------------------------------------------------------------------

    def search(self, query: str, mode: str = DEFAULT_MODE, k: int = DEFAULT_K, doc: str | None = None,
               kind=None, dates=None) -> Result:
        return self.search_batch([query], mode=mode, k=k, doc=doc, kind=kind, dates=dates)[0]

    def search_batch(self, queries: list[str], mode: str = DEFAULT_MODE, k: int = DEFAULT_K,
                     doc: str | None = None, kind=None, dates=None) -> list[Result]:
        """`doc` keeps one document's passages; `kind` (a tuple of KINDS, or None for all) keeps
        passages of those kinds; `dates` (start, end), either a datetime.date or None, keeps the
        passages whose date falls in that range (a passage without a date is left out)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.check_doc(doc)
        kinds = check_kinds(kind)
        k = max(1, min(int(k), MAX_K))
        parsed = [parse_query(q, self.config.max_query_chars) for q in queries]
        live = [i for i, p in enumerate(parsed) if not p.is_empty]
        vectors = {}
        if mode != "keyword" and live:
            encoded = self.encoder.encode_queries([parsed[i].text for i in live])
            vectors = dict(zip(live, encoded))
        results = []
        for i, query in enumerate(parsed):
            result = Result(query=query.raw, mode=mode, k=k, doc=doc, notes=list(query.notes), kind=kinds,
                            index=self.build)
            if query.is_empty:
                result.hint = EMPTY_HINT
            else:
                if i in vectors:
                    result.notes += self._truncation_notes(query)
                result.hits = self._rank(query, vectors.get(i), mode, k, doc, kinds, dates)
                key = self.key_terms(query)
                result.key_terms = [query.word(t) for t in key]
                if not result.hits:
                    result.hint = _no_hits_hint(query, mode, doc, kinds)
                elif _all_weak(result.hits):
                    result.hint = WEAK_HINT
                elif key and not any(self._contains(self._by_id[h.passage.id], t) for h in result.hits for t in key):
                    result.hint = MISSING_KEY_HINT.format(terms=" or ".join(f"“{w}”" for w in result.key_terms))
            results.append(result)
        return results

    def more_like_this(self, passage_id: str, k: int = 5, doc: str | None = None, kind=None) -> list[Hit]:
        """Nearest passages by meaning to one passage (itself excluded)."""
        self.check_doc(doc)
        i = self._by_id[self.passage(passage_id).id]
        semantic = self._vectors @ self._vectors[i]
        allowed = self._mask(doc, (), check_kinds(kind))
        allowed[i] = False
        order = [j for j in np.argsort(-semantic) if allowed[j]][:k]
        return [self._hit(j, float(semantic[j]), rank, None, float(semantic[j]), None, None, rank, self._vectors[i])
                for rank, j in enumerate(order, 1)]

    # --- internals -----------------------------------------------------------------------

    def _rank(self, query: ParsedQuery, vector, mode: str, k: int, doc: str | None, kinds, dates=None) -> list[Hit]:
        allowed = self._mask(doc, query.phrases, kinds, dates)
        keyword = self.bm25.scores(query.terms) if mode != "semantic" else None
        semantic = self._semantic(vector) if vector is not None else None
        if mode == "keyword":
            fused = keyword
            candidates = np.flatnonzero(allowed & (keyword > 0))
            if query.phrases and not len(candidates):
                candidates = np.flatnonzero(allowed)  # the phrase itself matched: keep those passages
        elif mode == "semantic":
            fused = semantic
            candidates = np.flatnonzero(allowed & np.isfinite(semantic))
        else:
            kw_candidates = np.flatnonzero(allowed & (keyword > 0))
            sem_candidates = np.flatnonzero(allowed & np.isfinite(semantic))
            candidates = np.union1d(kw_candidates, sem_candidates)
            if self.fusion_method == "rrf":
                fused = fusion.reciprocal_rank([_ranking(keyword, kw_candidates), _ranking(semantic, sem_candidates)], len(self.passages))
            else:
                fused = fusion.convex(semantic, fusion.keyword_share(keyword, self.bm25.idf_mass(query.terms)), self.alpha)
        order = candidates[np.argsort(-fused[candidates], kind="stable")][:k]
        kw_rank = _rank_positions(keyword, allowed) if keyword is not None else None
        sem_rank = _rank_positions(np.where(np.isfinite(semantic), semantic, -np.inf), allowed) if semantic is not None else None
        return [
            self._hit(j, float(fused[j]), rank, query,
                      None if semantic is None else float(semantic[j]),
                      None if keyword is None else float(keyword[j]),
                      None if kw_rank is None or keyword[j] <= 0 else kw_rank.get(j),
                      None if sem_rank is None else sem_rank.get(j), vector)
            for rank, j in enumerate(order, 1)
        ]

    def _semantic(self, vector: np.ndarray) -> np.ndarray:
        """Meaning score for FAISS's nearest candidates; -inf for passages it did not return.

        A passage scores the better of its whole-passage cosine and its best sentence's cosine,
        so one precise sentence inside a long passage is not diluted by the rest.
        """
        wanted = min(len(self.passages), max(200, 4 * MAX_K))
        scores, ids = self.faiss_index.search(vector[None, :].astype(np.float32), wanted)
        semantic = np.full(len(self.passages), -np.inf, dtype=np.float32)
        keep = ids[0] >= 0
        found = ids[0][keep]
        sentence_best = np.maximum.reduceat(self._sentence_vectors @ vector, self._sentence_starts)
        semantic[found] = np.maximum(scores[0][keep], sentence_best[found])
        return semantic

    def _mask(self, doc: str | None, phrases, kinds=None, dates=None) -> np.ndarray:
        allowed = np.ones(len(self.passages), dtype=bool) if not doc else (self._doc_of == doc)
        if kinds:
            allowed &= np.isin(self._kind_of, kinds)
        if dates and any(d is not None for d in dates):
            start, end = dates
            with np.errstate(invalid="ignore"):
                if start is not None:
                    allowed &= self._periods[:, 1] >= start.toordinal()
                if end is not None:
                    allowed &= self._periods[:, 0] <= end.toordinal()
        for phrase in phrases:
            needle = phrase.lower()
            allowed &= np.array([needle in text and bool(phrase_spans(p.text, [phrase], self._starts[j]))
                                 for j, (p, text) in enumerate(zip(self.passages, self._lower))], dtype=bool)
        return allowed

    def _contains(self, j: int, term: str) -> bool:
        """Does passage j hold the term, in its text or its section (what keyword search reads)?"""
        return term in self.bm25.passage_terms[j]

    def _hit(self, j: int, score: float, rank: int, query: ParsedQuery | None, semantic: float | None,
             keyword: float | None, kw_rank: int | None, sem_rank: int | None, vector=None) -> Hit:
        passage = self.passages[j]
        terms = query.terms if query else ()
        phrases = query.phrases if query else ()
        term_matches = term_spans(passage.text, set(terms), self._positions[j])
        matched = list(dict.fromkeys(t for _, _, t in term_matches))
        sentence = self._best_sentence(j, vector, set(terms), phrases)
        why = {
            "matched_terms": matched,
            "missing_terms": [query.word(t) for t in terms if not self._contains(j, t)] if query else [],
            "phrases": [p for p in phrases if phrase_spans(passage.text, [p], self._starts[j])],
            "semantic_score": None if semantic is None or not np.isfinite(semantic) else round(semantic, 4),
            "keyword_score": None if keyword is None else round(keyword, 4),
            "keyword_rank": kw_rank,
            "semantic_rank": sem_rank,
        }
        why["summary"] = _why_summary(why)
        return Hit(passage, score, rank, why,
                   highlight_spans(passage.text, terms, phrases, sentence, term_matches, self._starts[j]))

    def _best_sentence(self, j: int, vector, terms: set[str], phrases) -> tuple[int, int] | None:
        """The sentence closest in meaning to the query, or with most matched terms in keyword mode."""
        text, spans = self.passages[j].text, self._sentences[j]
        if len(spans) <= 1:
            return None  # the whole passage is one sentence: marking it adds nothing
        if vector is not None:
            first, last = self._sentence_rows[j]
            return spans[int(np.argmax(self._sentence_vectors[first:last] @ vector))]
        found = [a for a, _ in phrase_spans(text, phrases, self._starts[j])]
        counts = [len(term_spans(text[s:e], terms)) + 3 * sum(s <= a < e for a in found) for s, e in spans]
        return spans[int(np.argmax(counts))] if max(counts, default=0) > 0 else None

    def _truncation_notes(self, query: ParsedQuery) -> list[str]:
        limit = self.encoder.max_tokens
        if len(query.text) < limit:  # fewer characters than tokens allowed: cannot exceed
            return []
        count = self.encoder.count_tokens(query.text)
        if count <= limit:
            return []
        return [f"The model reads at most {limit} tokens; your query has {count}, so its meaning was taken from the first {limit}. Keyword matching used all of it."]


def _period_ordinals(text: str | None) -> tuple[float, float]:
    """First and last day a passage's date covers ("2024", "2024-02" or "2024-02-26"), as
    ordinals; NaN for none, so a date filter leaves undated passages out."""
    from explorer.timeline import period, precision_of

    precision = precision_of(str(text or "")[:10])
    if not precision:
        return (np.nan, np.nan)
    try:
        first, last = period(str(text)[:10], precision)
    except ValueError:
        return (np.nan, np.nan)
    return (first.toordinal(), last.toordinal())


def _vectors_of(faiss_index) -> np.ndarray:
    return faiss_index.reconstruct_n(0, faiss_index.ntotal) if faiss_index.ntotal else np.zeros((0, faiss_index.d), np.float32)


def _ranking(scores: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    return candidates[np.argsort(-scores[candidates], kind="stable")]


def _rank_positions(scores: np.ndarray, allowed: np.ndarray) -> dict[int, int]:
    ranked = _ranking(scores, np.flatnonzero(allowed))
    return {int(j): r for r, j in enumerate(ranked, 1)}


def _why_summary(why: dict) -> str:
    parts = []
    if why["phrases"]:
        parts.append("exact phrase " + ", ".join(f"“{p}”" for p in why["phrases"]))
    if why["matched_terms"]:
        parts.append("terms: " + ", ".join(why["matched_terms"]))
    if why["semantic_score"] is not None:
        parts.append(f"meaning: {why['semantic_score']:.2f}")
    if not parts:
        parts.append("no term in common; ranked by meaning")
    if why.get("missing_terms"):
        parts.append("Missing: " + ", ".join(why["missing_terms"]))
    return " · ".join(parts)


def _all_weak(hits: list[Hit]) -> bool:
    return all(not h.why["matched_terms"] and not h.why["phrases"]
               and (h.why["semantic_score"] is None or h.why["semantic_score"] < WEAK_MEANING) for h in hits)


def _no_hits_hint(query: ParsedQuery, mode: str, doc: str | None, kinds=None) -> str:
    if query.phrases:
        return "No passage contains that exact phrase. Remove the quotes to search by words and meaning."
    if mode == "keyword":
        return "No passage contains these words. Try Hybrid or Semantic mode to search by meaning."
    if doc and kinds:
        return "Nothing of this kind in this document. Clear the document or kind filter to search everything."
    if doc:
        return "Nothing in this document. Clear the document filter to search everything."
    if kinds:
        return "Nothing of this kind. Clear the kind filter to search everything."
    return "No passage matched. Try other words."
