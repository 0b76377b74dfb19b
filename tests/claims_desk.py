"""The claims tests' collection: the fiction filing and article of the labelled claims set
(explorer/bench/data/claims) added to a collection "desk" in a folder of the test's own, with the
real model, the reviewed layer in a SQLite file beside it."""

from dataclasses import replace
from pathlib import Path

from explorer.bench import claims_eval

DATA = Path(claims_eval.__file__).parent / "data" / "claims"


def claims_desk(root: Path, config):
    """(story, engine, {uploaded file name: document id}, the collection's settings)."""
    from explorer.embedding.model import load_encoder
    from explorer.ingest.changes import Upload, add_files
    from explorer.search.engine import Engine
    from explorer.story.collections import Store
    from explorer.story.model import open_story

    cfg = replace(config, collections_dir=root / "collections", database_url=f"sqlite:///{root / 'reviews.sqlite'}")
    store = Store(cfg.collections_dir)
    store.create("desk")
    add_files(store, "desk", [Upload(name, (DATA / name).read_bytes()) for name in ("filing.txt", "article.txt")],
              cfg, lambda: load_encoder(cfg))
    collection = store.get("desk")
    ids = {e.source_name: e.id for e in collection.documents}
    return open_story(cfg, collection), Engine.open(collection.config(cfg), build=False), ids, cfg
