"""A few typed errors whose messages say what went wrong and how to fix it.

Every user-facing surface (CLI, pages) shows `str(error)`: one sentence of problem, one of fix.
"""


class ExplorerError(Exception):
    """Base class: `problem` says what is wrong, `fix` says what the user can do."""

    def __init__(self, problem: str, fix: str = ""):
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem} {fix}".strip())


class CorpusError(ExplorerError):
    """A corpus file or record is malformed; the message names the file and the record."""

    def __init__(self, path, record: str, problem: str):
        self.path = str(path)
        self.record = record
        where = f"{self.path}, {record}" if record else self.path
        super().__init__(f"{where}: {problem}.", "Fix that record and run `python -m explorer build`.")


class IndexMissingError(ExplorerError):
    """No index on disk yet."""


class StaleIndexError(ExplorerError):
    """The index on disk was built from another corpus or model; serving it would mislead."""


class CorruptIndexError(ExplorerError):
    """An index file is truncated or unreadable."""


class IndexNotWritableError(ExplorerError):
    """The index must be built or rebuilt, but its folder cannot be written (a read-only deploy)."""


class ModelMissingError(ExplorerError):
    """The embedding model cannot be found locally (nothing is ever downloaded)."""


class UnknownDocumentError(ExplorerError):
    """A document filter names a document that does not exist."""

    def __init__(self, doc: str, valid: list[str]):
        self.valid = valid
        super().__init__(f"Unknown document '{doc}'.", f"Valid documents: {', '.join(valid)}.")


class UnknownPassageError(ExplorerError):
    """A passage id that is not in the index."""

    def __init__(self, passage_id: str):
        super().__init__(f"Unknown passage '{passage_id}'.", "Run `python -m explorer passages` to list ids.")


class IndexNotReady(ExplorerError):
    """The index a view needs is missing, stale or damaged (`reason`, the loader's own error): the
    server builds it in the background (explorer.store.build_job) and the view can be asked again.
    Pages show the build's progress (ui.building); the JSON twin answers 503 with Retry-After."""

    def __init__(self, config, reason: ExplorerError):
        super().__init__(reason.problem, reason.fix)
        self.config = config
        self.reason = reason
