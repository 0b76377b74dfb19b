"""What extraction warns about reaches the user: on the file's result line, on the document in
collection.json, and where the document is listed (`collection show`, the /add page)."""

import json


from explorer.cli import commands
from explorer.ingest.changes import Upload, add_files
from explorer.ingest.extract import Limits
from explorer.story.collections import MANIFEST
from tests.fakes import HashEncoder
from tests.fixtures import two_page_pdf
from tests.desk import config, store  # noqa: F401 (pytest fixtures: a desk collection, the hash encoder)

LATIN1 = ("Note de la rédaction (fiction)\n\nLe prêt de la banque Aurore à la société Velmont a été signé. "
          "Deuxième étape : le conseil de surveillance se réunit en février.\n").encode("latin-1")


def test_a_pdf_cut_at_the_page_limit_says_so_on_its_result_line_and_on_the_document(store, config):
    pdf = two_page_pdf("The first page of an invented report.", "The second page, left out.")
    [result] = add_files(store, "desk", [Upload("report.pdf", pdf)], config, HashEncoder, limits=Limits(max_pdf_pages=1))
    assert result.status == "added"
    assert "Only the first 1 of 2 pages were read" in result.message
    [entry] = store.get("desk").documents
    assert any("Only the first 1 of 2 pages" in w for w in entry.warnings)
    manifest = json.loads((store.get("desk").corpus_dir.parent / MANIFEST).read_text())
    assert any("Only the first 1 of 2 pages" in w for w in manifest["documents"][0]["warnings"])


def test_a_latin1_text_file_is_read_right_and_its_guessed_encoding_is_said(store, config):
    [result] = add_files(store, "desk", [Upload("note.txt", LATIN1)], config, HashEncoder)
    assert "guessed as Windows-1252" in result.message
    text = (store.get("desk").corpus_dir / f"{result.documents[0]}.txt").read_text(encoding="utf-8")
    assert "prêt" in text and "Deuxième" in text and "février" in text


def test_collection_show_lists_a_documents_warnings(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPLORER_COLLECTIONS_DIR", str(tmp_path / "collections"))
    monkeypatch.setattr("explorer.embedding.model.load_encoder", lambda config: HashEncoder())
    (tmp_path / "note.txt").write_bytes(LATIN1)
    assert commands.main(["collection", "create", "desk"]) == 0
    assert commands.main(["collection", "add", "desk", str(tmp_path / "note.txt")]) == 0
    added = capsys.readouterr().out
    assert "added" in added and "Warning: The file is not UTF-8" in added
    assert commands.main(["collection", "show", "desk"]) == 0
    assert "warning: The file is not UTF-8; its encoding was guessed as Windows-1252" in capsys.readouterr().out
