"""One story model for every collection: its documents, the layers derived from them, and the
reviewed layer on top.

A `Story` is what every page, JSON twin, link preview and CLI command receives. It never says
which story it is: a view asks what the story has (`has_events`, `reviews.count("claims")`,
a reference list) and offers itself only when the story supports it. What is particular to a story
(its title, its description, the findings its home page leads with, the labels of its charts) is
data: `story.json` in its corpus folder, or defaults made from the collection for a journalist's
own documents.
"""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from explorer.settings import Config
from explorer.story.collections import Collection
from explorer.story.corpus import STORY_FILE
from explorer.story.layers import FILE as LAYERS_FILE
from explorer.story.layers import LayerCache
from explorer.story.reviews import Reviews



@dataclass(frozen=True)
class StoryInfo:
    """What a story says about itself (story.json), or the defaults for a collection."""

    title: str
    description: str = ""
    note: str = ""  # a caveat the home page ends with (what is unknown, what is paraphrased)
    findings: tuple[dict, ...] = ()  # the home page's findings: {"title", "kind", ...} (ui renders each kind)
    labels: dict = field(default_factory=dict)  # chart titles, reference-list names, example queries
    search_examples: tuple[str, ...] = ()
    timeline: dict = field(default_factory=dict)  # the timeline's preset periods and charts (explorer.analysis.events)

    def label(self, name: str, default: str) -> str:
        value = self.labels.get(name)
        return value if isinstance(value, str) and value.strip() else default


def read_info(corpus_dir: Path, collection: Collection) -> StoryInfo:
    """story.json of a corpus folder (a damaged one is a CorpusError naming it), else defaults."""
    from explorer.story.corpus import read_json

    path = Path(corpus_dir) / STORY_FILE
    if not path.is_file():
        return StoryInfo(title=collection.title,
                         description=f"{len(collection.documents)} documents added to this collection.")
    raw = read_json(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
        from explorer.errors import CorpusError

        raise CorpusError(path, "", "needs a JSON object with a 'title'")
    return StoryInfo(title=raw["title"], description=raw.get("description") or "", note=raw.get("note") or "",
                     findings=tuple(f for f in raw.get("findings") or [] if isinstance(f, dict)),
                     labels=dict(raw.get("labels") or {}),
                     search_examples=tuple(str(q) for q in raw.get("search_examples") or []),
                     timeline=dict(raw.get("timeline") or {}) if isinstance(raw.get("timeline"), dict) else {})


@dataclass
class Story:
    collection: Collection
    config: Config  # the settings with this collection's corpus and index folders
    reviews: Reviews
    layer_cache: LayerCache

    @property
    def key(self) -> str:
        return self.reviews.key

    @property
    def writable(self) -> bool:
        """Can a person record decisions in this story (not a read-only or published one)?"""
        return self.reviews.writable

    @cached_property
    def info(self) -> StoryInfo:
        return read_info(self.config.corpus_dir, self.collection)

    @cached_property
    def documents(self) -> list:
        from explorer.story.corpus import load_corpus

        if not self.collection.read_only and not any(Path(self.config.corpus_dir).glob("*.json")):
            return []  # a collection made but not yet given a document
        return load_corpus(self.config.corpus_dir)

    def document(self, doc_id: str):
        return next((d for d in self.documents if d.id == doc_id), None)

    @property
    def reference_document(self):
        """The document of numbered items the story compares its documents with by default
        (story.json's labels.reference_document, e.g. a list of principles), or None."""
        ref = self.info.labels.get("reference_document")
        return self.document(ref) if isinstance(ref, str) else None

    @property
    def default_framework(self) -> str | None:
        """The framework the principles page shows first (story.json's labels.default_framework)."""
        return self.info.label("default_framework", "") or None

    def to_dict(self) -> dict:
        return {"collection": self.collection.name, "title": self.info.title, "writable": self.writable,
                "documents": [{"id": d.id, "title": d.title, "kind": d.kind, "date": d.date,
                               "source_url": d.source_url} for d in self.documents]}


def open_story(config: Config, collection: Collection, database=None, key: str | None = None) -> Story:
    """The story of a collection. A read-only collection gets its shipped reviewed layer and no
    database; any other gets its decisions from `database` (opened from the settings if None),
    under the key its resolver gave it (a workspace's collection: a key naming the workspace), and a
    published view reads them without taking new ones."""
    from explorer.story.shipped import shipped_decisions

    story_config = collection.config(config)
    key = key or collection.story_key
    if collection.read_only:
        reviews = Reviews(key, None, shipped_decisions(story_config.corpus_dir))
        cache = LayerCache(Path(story_config.index_dir) / LAYERS_FILE)
    else:
        if database is None:
            from explorer.story.database import open_database

            database = open_database(config.database)
        reviews = Reviews(key, database, shipped_decisions(story_config.corpus_dir),
                          read_only=bool(collection.published))
        cache = LayerCache(collection_folder(collection) / LAYERS_FILE)
    return Story(collection, story_config, reviews, cache)


def collection_folder(collection: Collection) -> Path:
    """ROOT/NAME of a stored collection (its corpus is ROOT/NAME/versions/V/corpus)."""
    return Path(collection.corpus_dir).parent.parent.parent
