"""The app's pages, declared once: URL path, script, navigation label and icon, browser title and
the description a link preview gives a page without parameters.

The URL parsers (explorer.links), the navigation and page frame (ui.frame), the link previews
(explorer.share.preview) and the JSON twins (serving.api) all read this table. What a page says
about a particular story (the home page's title and description) comes from the story's own data.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str  # "home", "search", ...
    path: str  # its URL path ("" is home)
    script: str  # what st.page_link and st.switch_page take
    label: str  # in the navigation
    icon: str
    title: str  # the browser tab's title, and a preview's title when the view has nothing more specific
    description: str  # a preview's description when the view has nothing more specific


REGISTRY = (
    Page("home", "", "app.py", "Home", ":material/home:", "The story and its sources",
         "Search a news story and the primary sources behind it, compare it with a reference list, and place it "
         "on a sourced timeline."),
    Page("search", "search", "pages/search.py", "Search", ":material/search:", "Search the sources",
         "One search over the story's documents and records, with citations to paste."),
    Page("read", "read", "pages/read.py", "Read", ":material/article:", "Read a document",
         "A document of the story read whole, paragraph by paragraph, each paragraph's number a link to it."),
    Page("principles", "principles", "pages/principles.py", "Principles", ":material/balance:",
         "Principle by principle",
         "Which paragraphs of a document discuss which item of a reference list, by a reviewed reading and by the model."),
    Page("timeline", "timeline", "pages/timeline.py", "Timeline", ":material/timeline:", "Timeline",
         "The story's dated events, each with its sources: reviewed ones and those extracted from the documents."),
    Page("claims", "claims", "pages/claims.py", "Claims", ":material/fact_check:", "Claims checked against the sources",
         "The check-worthy sentences of a document, each with the sentence of the other sources that supports or "
         "contradicts it, the figures that differ, and the journalist's verdict."),
    Page("entities", "entities", "pages/entities.py", "Entities", ":material/groups:",
         "People, organisations, places, amounts and dates",
         "Who and what the story's documents name, by frequency, each mention with its passage and citation; "
         "the entities named together, and when."),
    Page("add", "add", "pages/add.py", "Add documents", ":material/upload_file:", "Add your own documents",
         "Add PDF, DOCX, HTML, Markdown, text or CSV files to a collection of your own and search them."),
    Page("notebook", "notebook", "pages/notebook.py", "Notebook", ":material/bookmarks:",
         "Notebook: stars, notes and saved searches",
         "Starred passages, notes on passages with their quotes, and saved searches, with citations and permalinks, "
         "to export as Markdown, CSV or JSON."),
    Page("about", "about", "pages/about.py", "About", ":material/info:", "About, sources and method",
         "The explorer's sources, model, index, scoring method and limitations."),
)
BY_NAME = {page.name: page for page in REGISTRY}
BY_PATH = {page.path: page for page in REGISTRY}
PATHS = tuple(page.path for page in REGISTRY)
