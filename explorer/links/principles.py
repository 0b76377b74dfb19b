"""URL state of the principles page: principle (an item of the story's reference list, 1 to its
length), view, framework, and the document under study and the reference set of the "compare a
document" view (doc, ref).

Which reference list, how many items it has and which framework is shown first are the story's
data (story.json's labels.reference_document and labels.default_framework, explorer.story.model),
passed in by the caller; without them the first framework and reference set on offer are the
defaults, and no principle can be opened."""

from dataclasses import dataclass, field

from explorer.links import parse_choice, parse_int

VIEWS = ("coverage", "matrix", "claims", "frameworks", "compare")
DEFAULT_VIEW = "coverage"


@dataclass(frozen=True)
class PrinciplesState:
    principle: int | None = None  # None: no principle opened
    view: str = DEFAULT_VIEW
    framework: str = ""  # "": the story's default framework
    doc: str | None = None  # the document under study; None: the collection's first document
    ref: str = ""  # "": the story's default reference set
    # The story's defaults, so a link leaves them out; not part of what the state is.
    defaults: tuple[str, str] = field(default=("", ""), compare=False, repr=False)

    def to_params(self) -> dict:
        """Only what differs from the defaults, so links stay short."""
        framework_default, ref_default = self.defaults
        params = {"principle": str(self.principle) if self.principle is not None else "",
                  "view": self.view if self.view != DEFAULT_VIEW else "",
                  "framework": self.framework if self.framework != framework_default else "",
                  "doc": self.doc or "",
                  "ref": self.ref if self.ref != ref_default else ""}
        return {k: v for k, v in params.items() if v}


def preferred(choices, wanted: str | None) -> str:
    """The story's preferred choice when it is on offer, else the first one ("" when none)."""
    choices = list(choices)
    return wanted if wanted in choices else choices[0] if choices else (wanted or "")


def parse_principles(params, frameworks: list[str], documents=(), references=(), views=VIEWS, items: int = 0,
                     default_framework: str | None = None, default_ref: str | None = None
                     ) -> tuple[PrinciplesState, list[str]]:
    """State from query parameters; every replaced value yields a notice. Never raises.

    documents: the ids of the documents that can be studied in the current collection;
    references: the ids of the reference sets on offer (explorer.analysis.coverage.reference_sets);
    views: the views this story offers (those it has what they need for), the first the default;
    items: how many numbered items the story's reference list has (principle is 1 to items);
    default_framework, default_ref: the story's preferred framework and reference set."""
    principle, n1 = parse_int(params, "principle", 1, items, None, "no principle opened")
    if n1 and not items:
        n1 = n1.replace("it must be a whole number from 1 to 0", "this story has no numbered reference list")
    views = [v for v in VIEWS if v in views] or [DEFAULT_VIEW]
    view, n2 = parse_choice(params, "view", views, DEFAULT_VIEW if DEFAULT_VIEW in views else views[0])
    framework_default, ref_default = preferred(frameworks, default_framework), preferred(references, default_ref)
    framework, n3 = parse_choice(params, "framework", frameworks, framework_default)
    doc, n4 = parse_choice(params, "doc", list(documents), None, "the first document")
    if n4 and not documents:
        n4 = n4.replace("allowed values are ", "this collection has no document to study")
    ref, n5 = parse_choice(params, "ref", list(references), ref_default)
    return (PrinciplesState(principle, view, framework, doc, ref, (framework_default, ref_default)),
            [n for n in (n1, n2, n3, n4, n5) if n])


def story_choices(story) -> dict:
    """The keyword arguments of parse_principles that come from the story's data."""
    reference = story.reference_document
    return {"items": len(reference.records) if reference is not None else 0,
            "default_framework": story.default_framework,
            "default_ref": reference.id if reference is not None else None}
