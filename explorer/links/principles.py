"""URL state of the principles page: principle (1-11), view, framework."""

from dataclasses import dataclass

from explorer.links import parse_choice, parse_int

VIEWS = ("coverage", "matrix", "claims", "frameworks")
DEFAULT_VIEW = "coverage"
PRINCIPLE_COUNT = 11
DEFAULT_FRAMEWORK = "windows-principles"  # the precedent the AI Access post itself names


@dataclass(frozen=True)
class PrinciplesState:
    principle: int | None = None  # None: no principle opened
    view: str = DEFAULT_VIEW
    framework: str = DEFAULT_FRAMEWORK

    def to_params(self) -> dict:
        """Only what differs from the defaults, so links stay short."""
        params = {"principle": str(self.principle) if self.principle is not None else "",
                  "view": self.view if self.view != DEFAULT_VIEW else "",
                  "framework": self.framework if self.framework != DEFAULT_FRAMEWORK else ""}
        return {k: v for k, v in params.items() if v}


def default_framework(frameworks: list[str]) -> str:
    return DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in frameworks or not frameworks else frameworks[0]


def parse_principles(params, frameworks: list[str]) -> tuple[PrinciplesState, list[str]]:
    """State from query parameters; every replaced value yields a notice. Never raises."""
    principle, n1 = parse_int(params, "principle", 1, PRINCIPLE_COUNT, None, "no principle opened")
    view, n2 = parse_choice(params, "view", VIEWS, DEFAULT_VIEW)
    fallback = default_framework(frameworks)
    framework, n3 = parse_choice(params, "framework", frameworks, fallback)
    return PrinciplesState(principle, view, framework), [n for n in (n1, n2, n3) if n]
