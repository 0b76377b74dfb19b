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

import numpy as np

from explorer.embedding.model import Encoder, load_encoder
from explorer.errors import UnknownDocumentError, UnknownPassageError
from explorer.search import fusion, passage_text
from explorer.search.highlight import highlight_spans, phrase_spans
from explorer.search.query import EMPTY_HINT, ParsedQuery, parse_query
from explorer.search.sentence_scores import SentenceScores
from explorer.search.sentence_vectors import SentenceVectors
from explorer.search.results import Hit, Result, UnknownKindError, check_kinds  # noqa: F401 - the engine's public face
from explorer.search.why import MISSING_KEY_HINT, WEAK_HINT, all_weak, no_hits_hint, why_summary
from explorer.settings import Config
from explorer.story.passages import Passage
from explorer.store import Found, Where, day_range, keyword_text
from explorer.store import select as store_select
from explorer.store.index import LoadedIndex, ensure_index, load_index
from explorer.text import term_spans

MODES = ("hybrid", "semantic", "keyword")
DEFAULT_MODE = "hybrid"
DEFAULT_K = 10
MAX_K = 50
# Key terms: the query's rarest words that the sources do use. A word in more than COMMON_SHARE of
# all passages ("Microsoft", "AI") says nothing about a claim; a word no passage has at all is a
# vocabulary mismatch (the meaning side still finds paraphrases), not evidence either way.
KEY_TERMS = 2
COMMON_SHARE = 0.5
# Candidates asked of the store per query: by meaning (as many as before the store existed) and
# by keywords (BM25's best; a passage below them adds under 1/1000 of a hybrid score in practice).
DENSE_CANDIDATES = max(200, 4 * MAX_K)
KEYWORD_CANDIDATES = 1000


class Engine:
    def __init__(self, loaded: LoadedIndex, config: Config, encoder: Encoder | None = None,
                 fusion_method: str = fusion.DEFAULT, alpha: float = fusion.ALPHA, search_store=None):
        """Nothing here is per passage beyond an id lookup: term positions, sentence spans and
        sentence vectors are computed for the passages a query shows, when it shows them."""
        self.config = config
        self.manifest = loaded.manifest
        self.store = loaded.store  # the index folder's own store: passages and vectors
        # what answers dense, keyword and document-frequency questions (EXPLORER_STORE): the same
        # store by default, or a Milvus copy of it (explorer.store.select)
        self.search_store = search_store if search_store is not None else loaded.store
        self.passages = loaded.passages
        self.fusion_method = fusion_method
        self.alpha = alpha
        self._by_id = {p.id: i for i, p in enumerate(self.passages)}
        self.document_ids = list(dict.fromkeys(p.doc for p in self.passages))  # in index order
        self._sentences = SentenceVectors(self.passages, loaded.sentence_vectors, loaded.sentence_kinds,
                                          lambda: self.encoder)
        self._sentence_scores = SentenceScores({self._by_id[pid]: v for pid, v in self._sentences.stored.items()})
        self._encoder = encoder
        self._encoder_lock = threading.Lock()

    # --- loading -------------------------------------------------------------------------

    @classmethod
    def open(cls, config: Config, build: bool = True, encoder: Encoder | None = None, progress=None) -> "Engine":
        """Load the index for the configured model; build it first if missing or stale.

        `encoder`: a model already loaded in this process, to share instead of loading another.
        `progress(done, total)`: texts embedded, if a build is needed (explorer.store.index.build_index)."""
        holder = {"encoder": encoder} if encoder is not None else {}

        def factory():
            if "encoder" not in holder:
                holder["encoder"] = load_encoder(config)
            return holder["encoder"]

        if build:
            ensure_index(config, factory, progress=progress)
        loaded = load_index(config.index_dir, config.model_id, config.corpus_dir, config.exact_limit)
        return cls(loaded, config, holder.get("encoder"), search_store=store_select.search_store(config, loaded))

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
        """Passage embeddings (normalised), row i for passages[i]; memory-mapped. Shared: do not modify."""
        return self.store.vectors

    def sentences_of(self, passage_id: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """A passage's sentence spans and their embeddings (one row per span): stored in the index
        for its sentence kinds, else embedded on first use and cached (explorer.search.sentence_vectors)."""
        passage = self.passage(passage_id)
        return passage_text.sentences(passage.text), self._sentences.embedded(passage)

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
                        if 0 < (df := self.search_store.document_frequency(term)) <= limit)
        return [term for _, _, term in ranked[:KEY_TERMS]]

    # --- search --------------------------------------------------------------------------

    def search(self, query: str, mode: str = DEFAULT_MODE, k: int = DEFAULT_K, doc: str | None = None,
               kind=None, dates=None, passages=None) -> Result:
        return self.search_batch([query], mode=mode, k=k, doc=doc, kind=kind, dates=dates, passages=passages)[0]

    def search_batch(self, queries: list[str], mode: str = DEFAULT_MODE, k: int = DEFAULT_K,
                     doc: str | None = None, kind=None, dates=None, passages=None) -> list[Result]:
        """`doc` keeps one document's passages; `kind` (a tuple of KINDS, or None for all) keeps
        passages of those kinds; `dates` (start, end), either a datetime.date or None, keeps the
        passages whose date falls in that range (a passage without a date is left out); `passages`
        (a set of passage ids, or None) keeps only those (the passages mentioning an entity)."""
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
                result.hits = self._rank(query, vectors.get(i), mode, k, doc, kinds, dates, passages)
                key = self.key_terms(query)
                result.key_terms = [query.word(t) for t in key]
                if not result.hits:
                    result.hint = no_hits_hint(query, mode, doc, kinds)
                elif all_weak(result.hits):
                    result.hint = WEAK_HINT
                elif key and not any(self._contains(self._by_id[h.passage.id], t, query) for h in result.hits for t in key):
                    result.hint = MISSING_KEY_HINT.format(terms=" or ".join(f"“{w}”" for w in result.key_terms))
            results.append(result)
        return results

    def more_like_this(self, passage_id: str, k: int = 5, doc: str | None = None, kind=None) -> list[Hit]:
        """Nearest passages by meaning to one passage (itself excluded)."""
        self.check_doc(doc)
        i = self._by_id[self.passage(passage_id).id]
        vector = np.asarray(self.vectors[i], dtype=np.float32)
        found = self.search_store.dense(vector, k + 1, Where(doc=doc, kinds=check_kinds(kind)))
        rows = [(self._by_id[pid], float(score)) for pid, score in zip(found.ids, found.scores) if pid != passage_id][:k]
        return [self._hit(j, score, rank, None, score, None, None, rank, vector)
                for rank, (j, score) in enumerate(rows, 1)]

    # --- internals -----------------------------------------------------------------------

    def _rank(self, query: ParsedQuery, vector, mode: str, k: int, doc: str | None, kinds, dates=None,
              passages=None) -> list[Hit]:
        """Rank the store's candidates: up to KEYWORD_CANDIDATES by BM25 and DENSE_CANDIDATES by
        meaning, under the filters, each dense candidate with its own BM25 even below the keyword
        cut. `keyword_rank`/`semantic_rank` are ranks among those candidates (for a passage inside
        them, the same as its rank over the whole filtered index; none below the keyword cut)."""
        where = _where(doc, kinds, dates)
        phrase_rows = self._phrase_rows(query.phrases, where)
        only = None if passages is None else {self._by_id[pid] for pid in passages if pid in self._by_id}
        rows = phrase_rows if only is None else only if phrase_rows is None else phrase_rows & only
        keyword = semantic = None
        keyword_cut = False
        if mode != "semantic":
            limit = KEYWORD_CANDIDATES if only is None else max(1, len(self.passages))
            found = self.search_store.keyword(query.terms, limit, where)
            keyword = self._candidates(found, rows)
            keyword_cut = len(found.ids) >= limit
        if vector is not None:
            if only is None:
                semantic = self._candidates(self.search_store.dense(vector, DENSE_CANDIDATES, where), rows)
            else:  # a few passages: score each of them exactly rather than filter the nearest
                kept = sorted(j for j in rows if _passes(self.passages[j], where))
                scores = (np.asarray(self.vectors[kept], dtype=np.float32) @ vector).tolist() if kept else []
                semantic = dict(sorted(zip(kept, scores), key=lambda js: (-js[1], js[0]))[:DENSE_CANDIDATES])
            semantic = self._sentence_scores.merge(  # best sentence or whole passage (sentence_scores)
                semantic, vector, self.vectors, lambda j: (rows is None or j in rows) and _passes(self.passages[j], where),
                DENSE_CANDIDATES)
        if mode == "keyword" and query.phrases and not keyword:  # the phrase itself matched: keep those passages
            keyword = dict.fromkeys(sorted(rows), 0.0)
        kw_rank = {j: r for r, j in enumerate(keyword, 1)} if keyword is not None else None
        if keyword is not None and semantic and keyword_cut and self.fusion_method == "convex":
            keyword = self._with_keyword_scores_of(keyword, semantic, query.terms)
        fused = fusion.fuse(keyword, semantic, self.fusion_method, self.alpha,
                            self._idf_mass(query.terms) if mode == "hybrid" else 0.0)
        order = sorted(fused, key=lambda j: (-fused[j], j))[:k]
        sem_rank = {j: r for r, j in enumerate(semantic, 1)} if semantic is not None else None
        return [
            self._hit(j, float(fused[j]), rank, query,
                      None if semantic is None else float(semantic.get(j, -np.inf)),
                      None if keyword is None else float(keyword.get(j, 0.0)),
                      None if kw_rank is None else kw_rank.get(j),
                      None if sem_rank is None else sem_rank.get(j), vector)
            for rank, j in enumerate(order, 1)
        ]

    def _with_keyword_scores_of(self, keyword: dict[int, float], semantic: dict[int, float], terms) -> dict[int, float]:
        """The keyword candidates, then every dense candidate they left out with its own BM25.

        When the keyword side fills its KEYWORD_CANDIDATES (a large collection, common query
        words), a passage close in meaning that holds the query's words less often than a
        thousand others would otherwise be fused as if it held none of them. In a haystack of
        100,000 documentation paragraphs that cost gold questions their answer; with its own
        score each dense candidate gets the fused score it would get in a collection of any size."""
        left_out = [self.passages[j].id for j in semantic if j not in keyword]
        extra = self.search_store.keyword_of(terms, left_out) if left_out else {}
        scored = {self._by_id[pid]: score for pid, score in extra.items() if score > 0}
        return {**keyword, **dict(sorted(scored.items(), key=lambda js: (-js[1], js[0])))}

    def _candidates(self, found: Found, rows: set[int] | None) -> dict[int, float]:
        """Candidate rows and their scores, best first, keeping only `rows` (None: all)."""
        pairs = ((self._by_id[pid], float(score)) for pid, score in zip(found.ids, found.scores))
        return {j: score for j, score in pairs if rows is None or j in rows}

    def _phrase_rows(self, phrases, where: Where) -> set[int] | None:
        """The rows holding every exact phrase (None when there is no phrase).

        Only the passages holding a phrase's rarest whole term are read (the store's keyword
        index finds them); a phrase with no whole term ("the", or a cut word like "Micros") is
        looked for in every passage allowed by the filter."""
        if not phrases:
            return None
        rows: set[int] | None = None
        for phrase in phrases:
            terms = passage_text.whole_terms(phrase)
            if terms:
                rarest = min(terms, key=self.search_store.document_frequency)
                pool = [self._by_id[pid] for pid in self.search_store.keyword([rarest], max(1, len(self.passages)), where).ids]
            else:
                pool = [j for j, p in enumerate(self.passages) if _passes(p, where)]
            needle = phrase.lower()
            rows = {j for j in pool if (rows is None or j in rows) and needle in self.passages[j].text.lower()
                    and phrase_spans(self.passages[j].text, [phrase], passage_text.starts(self.passages[j].text))}
        return rows

    def _idf_mass(self, terms) -> float:
        """Sum of the query terms' IDF (as BM25 computes it); a term no passage has counts as the rarest."""
        return fusion.idf_mass(len(self.passages), (self.search_store.document_frequency(t) for t in dict.fromkeys(terms)))

    def _contains(self, j: int, term: str, query: ParsedQuery | None = None) -> bool:
        """Does passage j hold the term, in its text or its section (what keyword search reads)? A
        half of the query's "multi-year" is held by a passage that writes "multiyear"."""
        held = passage_text.keyword_terms(keyword_text(self.passages[j]))
        return term in held or any(term in parts and solid in held for solid, parts in (query.joined if query else ()))

    def _hit(self, j: int, score: float, rank: int, query: ParsedQuery | None, semantic: float | None,
             keyword: float | None, kw_rank: int | None, sem_rank: int | None, vector=None) -> Hit:
        passage = self.passages[j]
        terms = query.terms if query else ()
        phrases = query.phrases if query else ()
        starts = passage_text.starts(passage.text)
        term_matches = term_spans(passage.text, set(query.shown_terms if query else ()), passage_text.positions(passage.text))
        matched = list(dict.fromkeys(t for _, _, t in term_matches))
        for solid, parts in (query.joined if query else ()):
            if solid in matched and solid not in terms and all(part in matched for part in parts):
                matched.remove(solid)  # "microsoft, invest" already say it: "microsoftinvest" adds nothing
        if query:  # the words as the query wrote them ("Series", not the index's stem "sery"), as "Missing:" does
            matched = list(dict.fromkeys(query.word(t) for t in matched))
        sentence = self._best_sentence(j, vector, set(terms), phrases)
        why = {
            "matched_terms": matched,
            "missing_terms": [query.word(t) for t in terms if not self._contains(j, t, query)] if query else [],
            "phrases": [p for p in phrases if phrase_spans(passage.text, [p], starts)],
            "semantic_score": None if semantic is None or not np.isfinite(semantic) else round(semantic, 4),
            "keyword_score": None if keyword is None else round(keyword, 4),
            "keyword_rank": kw_rank,
            "semantic_rank": sem_rank,
        }
        why["summary"] = why_summary(why)
        return Hit(passage, score, rank, why,
                   highlight_spans(passage.text, terms, phrases, sentence, term_matches, starts))

    def _best_sentence(self, j: int, vector, terms: set[str], phrases) -> tuple[int, int] | None:
        """The sentence to mark in a hit: in the meaning modes the one closest in meaning to the
        query when its vectors are at hand (stored in the index, or once embedded by sentences_of);
        else the one holding most query words and phrases; else none. A search
        never embeds sentences: even a few hundred characters of them cost 40-50 ms on this
        2-core machine, which broke the p95 query target (BENCHMARKS.md, "Scale on real text")."""
        passage = self.passages[j]
        spans = passage_text.sentences(passage.text)
        if len(spans) <= 1:
            return None  # the whole passage is one sentence: marking it adds nothing
        vectors = self._sentences.get(passage) if vector is not None else None
        if vectors is not None:
            return spans[int(np.argmax(vectors @ vector))]
        return passage_text.lexical_best(passage.text, terms, phrases)

    def _truncation_notes(self, query: ParsedQuery) -> list[str]:
        limit = self.encoder.max_tokens
        if len(query.text) < limit:  # fewer characters than tokens allowed: cannot exceed
            return []
        count = self.encoder.count_tokens(query.text)
        if count <= limit:
            return []
        return [f"The model reads at most {limit} tokens; your query has {count}, so its meaning was taken from the first {limit}. Keyword matching used all of it."]


def _where(doc, kinds, dates) -> Where:
    start, end = dates if dates else (None, None)
    return Where(doc=doc or None, kinds=kinds or None,
                 first_day=start.toordinal() if start is not None else None,
                 last_day=end.toordinal() if end is not None else None)


def _passes(passage: Passage, where: Where) -> bool:
    """Does one passage pass the filter (as the stores apply it)?"""
    if where.doc and passage.doc != where.doc or where.kinds and passage.kind not in where.kinds:
        return False
    if where.first_day is None and where.last_day is None:
        return True
    first, last = day_range(passage.date)
    if first is None:  # an undated passage is left out by any date filter
        return False
    return not ((where.first_day is not None and last < where.first_day)
                or (where.last_day is not None and first > where.last_day))
