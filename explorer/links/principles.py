"""URL state of the principles page: principle (1-11), view, framework, and the document under
study and the reference set of the "compare a document" view (doc, ref)."""

from dataclasses import dataclass

from explorer.links import parse_choice, parse_int

VIEWS = ("coverage", "matrix", "claims", "frameworks", "compare")
DEFAULT_VIEW = "coverage"
PRINCIPLE_COUNT = 11
DEFAULT_FRAMEWORK = "windows-principles"  # the precedent the AI Access post itself names
DEFAULT_REF = "principles"  # the reference set compared against unless the URL names another


@dataclass(frozen=True)
class PrinciplesState:
    principle: int | None = None  # None: no principle opened
    view: str = DEFAULT_VIEW
    framework: str = DEFAULT_FRAMEWORK
    doc: str | None = None  # the document under study; None: the collection's first document
    ref: str = DEFAULT_REF

    def to_params(self) -> dict:
        """Only what differs from the defaults, so links stay short."""
        params = {"principle": str(self.principle) if self.principle is not None else "",
                  "view": self.view if self.view != DEFAULT_VIEW else "",
                  "framework": self.framework if self.framework != DEFAULT_FRAMEWORK else "",
                  "doc": self.doc or "",
                  "ref": self.ref if self.ref != DEFAULT_REF else ""}
        return {k: v for k, v in params.items() if v}


def default_framework(frameworks: list[str]) -> str:
    return DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in frameworks or not frameworks else frameworks[0]


def default_ref(references) -> str:
    return DEFAULT_REF if DEFAULT_REF in references or not references else references[0]


def parse_principles(params, frameworks: list[str], documents=(), references=(DEFAULT_REF,), views=VIEWS
                     ) -> tuple[PrinciplesState, list[str]]:
    """State from query parameters; every replaced value yields a notice. Never raises.

    documents: the ids of the documents that can be studied in the current collection;
    references: the ids of the reference sets on offer (explorer.analysis.coverage.reference_sets);
    views: the views this story offers (those it has what they need for), the first the default."""
    principle, n1 = parse_int(params, "principle", 1, PRINCIPLE_COUNT, None, "no principle opened")
    views = [v for v in VIEWS if v in views] or [DEFAULT_VIEW]
    view, n2 = parse_choice(params, "view", views, DEFAULT_VIEW if DEFAULT_VIEW in views else views[0])
    fallback = default_framework(frameworks)
    framework, n3 = parse_choice(params, "framework", frameworks, fallback)
    doc, n4 = parse_choice(params, "doc", list(documents), None, "the first document")
    if n4 and not documents:
        n4 = n4.replace("allowed values are ", "this collection has no document to study")
    ref, n5 = parse_choice(params, "ref", list(references), default_ref(references))
    return PrinciplesState(principle, view, framework, doc, ref), [n for n in (n1, n2, n3, n4, n5) if n]
