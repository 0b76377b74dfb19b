"""`build` checks every corpus file it indexes, the fact-checks and the timeline included: each
damaged file ends in a CorpusError naming the file (and the record or line where there is one),
before anything is embedded. Never another exception."""

import shutil
from pathlib import Path

import pytest

from explorer.story.corpus import data_files, document_files, load_corpus
from explorer.errors import CorpusError
from explorer.store.index import corpus_key

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
INDEXED = [p.relative_to(CORPUS).as_posix() for p in document_files(CORPUS) + data_files(CORPUS) if p.exists()]


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def latin1(path: Path) -> None:
    path.write_bytes(path.read_bytes() + "\nRégulateur é".encode("latin-1"))


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def wrong_shape(path: Path) -> None:
    path.write_text("[1, 2]\n", encoding="utf-8")


def null_record(path: Path) -> None:
    path.write_text('{"claims": [null]}' if path.name == "factchecks.json" else '{"id": "x", "title": null}',
                    encoding="utf-8")


def binary(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")


FAULTS = [truncated, latin1, emptied, directory, wrong_shape, null_record, binary]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("name", INDEXED)
def test_a_damaged_corpus_file_stops_the_build_with_a_message_naming_it(tmp_path, name, fault):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    fault(corpus / name)
    with pytest.raises(CorpusError) as raised:
        corpus_key(corpus)  # what `build` reads first (the fingerprint), then the validation
        load_corpus(corpus)
    assert Path(raised.value.path).name == Path(name).name, str(raised.value)
    if fault in (latin1,) and name.endswith(".csv"):
        assert raised.value.record.startswith("line "), "a CSV error names its line"


@pytest.mark.parametrize("fault", [truncated, latin1, emptied, directory, wrong_shape, binary], ids=lambda f: f.__name__)
def test_a_damaged_review_stops_the_build_before_the_model_loads(tmp_path, fault):
    """The reviewed coverage reading is a corpus file too: `build` names it (the principles page
    would otherwise be the first to find out), and no model is loaded for a build that cannot run."""
    from explorer.analysis.coverage.readings import READING_FILES
    from explorer.store.index import ensure_index
    from explorer.settings import load

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    fault(corpus / READING_FILES[0][0])
    config = load({"EXPLORER_CORPUS_DIR": str(corpus), "EXPLORER_INDEX_DIR": str(tmp_path / "index")})

    def no_model():
        raise AssertionError("the model was loaded for a build that cannot run")

    with pytest.raises(CorpusError) as raised:
        ensure_index(config, no_model)
    assert Path(raised.value.path).name == READING_FILES[0][0].name, str(raised.value)
