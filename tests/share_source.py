"""A explorer.share Source over a directly opened engine (what the server gets from ui.loaders)."""

from functools import cached_property


class DirectSource:
    def __init__(self, engine):
        self._engine = engine

    def config(self):
        return self._engine.config

    def engine(self, collection=None):
        assert collection is None, "these tests use the bundled story"
        return self._engine

    @cached_property
    def _documents(self) -> dict:
        from explorer.story.corpus import load_corpus

        return {d.id: d for d in load_corpus(self._engine.config.corpus_dir)}

    def documents_by_id(self, collection=None) -> dict:
        return self._documents

    def story(self, collection=None):
        from explorer.story import collections
        from explorer.story.model import open_story

        assert collection is None, "these tests use the bundled story"
        return open_story(self._engine.config, collections.bundled(self._engine.config))

    def entity_index(self, collection=None):
        from explorer.analysis.entities import entities_of

        return entities_of(self.story(collection))

    @cached_property
    def _vocabulary(self):
        from explorer.search.spelling import vocabulary

        return vocabulary(p.text for p in self._engine.passages)

    def vocabulary(self, collection=None):
        return self._vocabulary

    @cached_property
    def _timeline(self):
        from explorer.story.timeline import load_timeline

        return load_timeline(self._engine.config.timeline_path)

    def timeline(self):
        return self._timeline

    def story_timeline(self, collection=None):
        from explorer.analysis.events import timeline_of
        from explorer.analysis.events.frame import timeline_frame

        story = self.story(collection)
        timeline = timeline_of(story)
        return story, timeline, timeline_frame(timeline.events)

    @cached_property
    def _principles(self):
        from explorer.analysis.coverage.principles_data import load_principles_data

        return load_principles_data(self._engine)

    def principles(self):
        return self._principles

    def reference_choices(self, collection=None):
        from explorer.analysis.coverage.reference_sets import reference_sets, study_documents

        return [(d.id, d.title) for d in study_documents(self._engine)], reference_sets(self._engine, self._engine)

    def sources(self, collection=None) -> list[dict]:
        from explorer.story.sources import all_sources

        return all_sources(self._engine.config.corpus_dir, self._engine.config.timeline_path)

    def manifest(self, collection=None) -> dict:
        return dict(self._engine.manifest)
