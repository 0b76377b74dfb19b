"""Read and validate the searchable documents under corpus/.

A document is one JSON file: either a text document (the article, whose text lives in a
sibling file) or a record document (numbered principles, tenets, framework items). The two
data files are documents too, so one search covers everything: the timeline (timeline.csv,
one entry per event, validated by explorer.story.timeline) and the fact-checks (factchecks.json,
one entry per checked claim). Anything malformed raises CorpusError naming the file and the
record, before anything is embedded.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from explorer.errors import CorpusError

TIMELINE_FILE = "timeline.csv"
FACTCHECKS_FILE = "factchecks.json"
# Data files in corpus/ that are not JSON documents of their own shape: each is read by its
# own loader below (and indexed, so they are part of the fingerprint).
DATA_FILES = {FACTCHECKS_FILE}
STORY_FILE = "story.json"  # what the story says about itself (explorer.story.model): not a document
TIMELINE, FACTCHECKS = "timeline", "factchecks"  # their document ids
TIMELINE_KIND, FACTCHECK_KIND = "timeline", "fact-checks"  # their document kinds

DOCUMENT_FIELDS = ("id", "title", "kind")
RECORD_FIELDS = ("number", "title", "text", "source_url")


@dataclass(frozen=True)
class Record:
    number: int
    title: str
    text: str
    source_url: str
    group: str | None = None
    specifics: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Group:
    id: str
    heading: str
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str
    path: Path
    source_url: str | None
    date: str | None = None
    note: str | None = None
    outlet: str | None = None
    publisher: str | None = None
    record_label: str = "Item"
    text: str | None = None
    records: tuple[Record, ...] = ()
    groups: tuple[Group, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    # The timeline's events or the fact-check claims, as validated dicts (data documents only).
    entries: tuple[dict, ...] = field(default=(), compare=False, hash=False)

    @property
    def is_text(self) -> bool:
        return self.text is not None

    def group(self, group_id: str | None) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


def document_files(corpus_dir: Path) -> list[Path]:
    """Every document file, in a stable order (the order passages are indexed in)."""
    corpus_dir = Path(corpus_dir)
    files = sorted(p for p in corpus_dir.glob("*.json") if p.name not in DATA_FILES and p.name != STORY_FILE)
    files += sorted((corpus_dir / "frameworks").glob("*.json"))
    return files


def data_files(corpus_dir: Path) -> list[Path]:
    """The timeline and the fact-checks: indexed when present (a test corpus may have neither)."""
    return [Path(corpus_dir) / TIMELINE_FILE, Path(corpus_dir) / FACTCHECKS_FILE]


def load_corpus(corpus_dir: Path) -> list[Document]:
    """All documents, validated: the JSON documents, then the timeline and the fact-checks when
    present. Raises CorpusError on the first problem found."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(corpus_dir, "", "corpus folder not found")
    documents = [load_document(p) for p in document_files(corpus_dir)]
    if not documents:
        raise CorpusError(corpus_dir, "", "no document files (*.json) found")
    timeline, factchecks = data_files(corpus_dir)
    if timeline.is_file():
        documents.append(load_timeline_document(timeline))
    if factchecks.is_file():
        documents.append(load_factcheck_document(factchecks))
    seen: dict[str, Path] = {}
    for doc in documents:
        if doc.id in seen:
            raise CorpusError(doc.path, f"document '{doc.id}'", f"id already used by {seen[doc.id].name}")
        seen[doc.id] = doc.path
    return documents


def load_document(path: Path) -> Document:
    raw = read_json(path)
    if not isinstance(raw, dict):
        raise CorpusError(path, "", "expected a JSON object at the top level")
    for name in DOCUMENT_FIELDS:
        if not _nonempty_str(raw.get(name)):
            raise CorpusError(path, "document", f"missing or empty field '{name}'")
    if not (_nonempty_str(raw.get("source_url")) or _nonempty_str(raw.get("source_note"))):
        raise CorpusError(path, f"document '{raw['id']}'", "needs a 'source_url' (or a 'source_note' saying why none is known)")
    common = dict(
        id=raw["id"], title=raw["title"], kind=raw["kind"], path=Path(path),
        source_url=raw.get("source_url"), date=raw.get("date"), note=raw.get("note"),
        outlet=raw.get("outlet"), publisher=raw.get("publisher"),
        record_label=raw.get("record_label") or "Item", meta=raw,
    )
    if "text_file" in raw:
        return Document(**common, text=_read_text(path, raw["text_file"]))
    groups = tuple(_group(path, g) for g in raw.get("groups") or [])
    records = _records(path, raw.get("records"), groups)
    return Document(**common, records=records, groups=groups)


def load_timeline_document(path: Path) -> Document:
    """The timeline as a document whose entries are its events (validated, in date order)."""
    from explorer.story.timeline import load_timeline

    events = load_timeline(path)
    columns = [c for c in events.columns if c not in ("period_start", "period_end", "line")]
    entries = tuple({c: _plain(row[c]) for c in columns} for _, row in events.iterrows())
    return Document(
        id=TIMELINE, title="Investment timeline", kind=TIMELINE_KIND, path=Path(path), source_url=None,
        publisher="the explorer's own compilation of public reporting", record_label="Event",
        meta={"source_note": "Each event names its own public sources."}, entries=entries)


def load_factcheck_document(path: Path) -> Document:
    """The fact-checks as a document whose entries are the checked claims, in file order."""
    raw = read_json(path)
    claims = raw.get("claims") if isinstance(raw, dict) else None
    if not isinstance(claims, list) or not claims:
        raise CorpusError(path, "", "needs a non-empty 'claims' list")
    entries, seen = [], set()
    for position, claim in enumerate(claims, start=1):
        where = f"claim {position}"
        if not isinstance(claim, dict):
            raise CorpusError(path, where, "must be a JSON object")
        for name in ("id", "claim", "verdict"):
            if not _nonempty_str(claim.get(name)):
                raise CorpusError(path, where, f"missing field '{name}'")
        if claim["id"] in seen:
            raise CorpusError(path, where, f"duplicate id {claim['id']!r}")
        seen.add(claim["id"])
        entries.append({**claim, "source_urls": claim_sources(claim)})
    return Document(
        id=FACTCHECKS, title="Fact-checks of the article's claims", kind=FACTCHECK_KIND, path=Path(path),
        source_url=None, publisher="the explorer's own fact-check of the article", record_label="Fact-check",
        meta={"source_note": "Each fact-check names its own public sources."}, entries=tuple(entries))


def claim_sources(claim: dict) -> list[str]:
    """A claim's source URLs, from `source_urls` (strings) or `sources` (strings or {"url": ...})."""
    urls = [u for u in claim.get("source_urls") or [] if isinstance(u, str)]
    for source in claim.get("sources") or []:
        url = source.get("url") if isinstance(source, dict) else source
        if isinstance(url, str):
            urls.append(url)
    return list(dict.fromkeys(u.strip() for u in urls if u.strip().startswith(("http://", "https://"))))


def fingerprint(corpus_dir: Path) -> str:
    """Hash of every indexed file's bytes (documents, their text files, the timeline and the
    fact-checks): changing any of them makes the index stale."""
    digest = hashlib.sha256()
    corpus_dir = Path(corpus_dir)
    for path in document_files(corpus_dir) + data_files(corpus_dir):
        files = [path]
        raw = read_json(path) if path.suffix == ".json" and path.name not in DATA_FILES else None
        if isinstance(raw, dict) and isinstance(raw.get("text_file"), str):
            files.append(path.parent / raw["text_file"])
        for f in files:
            digest.update(f.relative_to(corpus_dir).as_posix().encode())
            try:
                digest.update(f.read_bytes() if f.exists() else b"<missing>")
            except OSError as e:
                raise CorpusError(f, "", f"cannot be read ({e.strerror or e})") from None
    return digest.hexdigest()[:16]


def read_json(path: Path):
    """A corpus JSON file; any read or parse problem is a CorpusError naming the file (and line)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise CorpusError(path, f"line {e.lineno}", f"not valid JSON ({e.msg})") from None
    except UnicodeDecodeError:
        raise CorpusError(path, "", "not UTF-8 text") from None
    except OSError as e:
        raise CorpusError(path, "", f"cannot be read ({e.strerror or e})") from None


def _read_text(path: Path, name) -> str:
    if not _nonempty_str(name):
        raise CorpusError(path, "document", "'text_file' must name a file")
    text_path = Path(path).parent / name
    if not text_path.is_file():
        raise CorpusError(path, "document", f"text file '{name}' not found")
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(text_path, "document", f"cannot be read as UTF-8 text ({getattr(e, 'strerror', None) or e})") from None
    if not text.strip():
        raise CorpusError(text_path, "document", "text is empty")
    return text


def _group(path: Path, raw) -> Group:
    if not isinstance(raw, dict) or not _nonempty_str(raw.get("id")) or not _nonempty_str(raw.get("heading")):
        raise CorpusError(path, f"group {raw!r:.40}", "a group needs 'id' and 'heading'")
    return Group(id=raw["id"], heading=raw["heading"], numbers=tuple(raw.get("numbers") or ()))


def _records(path: Path, raw, groups: tuple[Group, ...]) -> tuple[Record, ...]:
    if not isinstance(raw, list) or not raw:
        raise CorpusError(path, "document", "needs 'text_file' or a non-empty 'records' list")
    group_ids = {g.id for g in groups}
    records, numbers = [], set()
    for position, item in enumerate(raw, start=1):
        where = f"record {position}"
        if not isinstance(item, dict):
            raise CorpusError(path, where, "must be a JSON object")
        if isinstance(item.get("number"), int):
            where = f"record {position} (number {item['number']})"
        for name in RECORD_FIELDS:
            value = item.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                problem = "empty text" if name == "text" and value is not None else f"missing field '{name}'"
                raise CorpusError(path, where, problem)
        if not isinstance(item["number"], int) or isinstance(item["number"], bool):
            raise CorpusError(path, where, "'number' must be a whole number")
        if item["number"] in numbers:
            raise CorpusError(path, where, f"duplicate number {item['number']}")
        if not str(item["source_url"]).startswith(("http://", "https://")):
            raise CorpusError(path, where, "'source_url' must be an http(s) URL")
        urls, backed = {str(item["source_url"]), *map(str, item.get("source_urls") or [])}, item.get("sources") or []
        for entry in backed if isinstance(backed, list) else [backed]:
            if not (isinstance(entry, dict) and str(entry.get("url")) in urls and _nonempty_str(entry.get("backs"))):
                raise CorpusError(path, where, f"'sources' entries need a 'url' among the record's source URLs "
                                               f"and a 'backs' text, got {entry!r:.80}")
        if len(urls) > 1 and not urls <= {str(e.get("url")) for e in backed if isinstance(e, dict)}:
            raise CorpusError(path, where, "a record with several source URLs needs 'sources' saying what each backs")
        if groups and item.get("group") not in group_ids:
            raise CorpusError(path, where, f"group {item.get('group')!r} is not one of {sorted(group_ids)}")
        numbers.add(item["number"])
        records.append(Record(
            number=item["number"], title=item["title"].strip(), text=item["text"].strip(),
            source_url=item["source_url"], group=item.get("group"),
            specifics=tuple(item.get("specifics") or ()), note=item.get("note"),
        ))
    return tuple(records)


def _nonempty_str(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _plain(value):
    """A pandas cell as plain Python: NaN and empty strings become None."""
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        value = value.item()
    return None if value == "" else value
