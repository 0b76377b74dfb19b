"""One date grammar (explorer.dates): the CLI's --from/--to, the pages' links and the JSON twin
read the same text as the same day, and refuse the same texts.

One table; each row is read by all three: the CLI's own argument parser, the search and
timeline URL parsers (explorer.links), and the search twin (explorer.share.views.twin)."""

from datetime import date

import pytest

from explorer.cli.commands import _parser
from explorer.links.search import parse_search
from explorer.links.timeline import parse_timeline
from explorer.share import views
from tests.share_source import DirectSource

# text, the day it starts from (as `from`), the day it runs to (as `to`); None: refused.
TABLE = [
    ("2024-02-26", date(2024, 2, 26), date(2024, 2, 26)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    (" 2024-02-26 ", date(2024, 2, 26), date(2024, 2, 26)),
    ("20240226", None, None),
    ("2024-W09-1", None, None),
    ("2024-W09", None, None),
    ("2024-2-26", None, None),
    ("26/02/2024", None, None),
    ("2024-02-30", None, None),
    ("2024-13", None, None),
    ("２０２４-02-26", None, None),
    ("2024-02-26T10:00", None, None),
    ("Feb 2024", None, None),
]


def cli_reads(text: str, option: str):
    """What `explorer search x --from/--to TEXT` gets, or None when the CLI refuses it."""
    try:
        args = _parser().parse_args(["search", "x", option, text])
    except SystemExit:
        return None
    return args.since if option == "--from" else args.until


def url_reads(text: str, param: str):
    state, notices = parse_search({param: [text]}, [], lambda _: True, 2000)
    value = state.since if param == "from" else state.until
    assert (value is None) == bool(notices), notices  # a refused date always gets a notice
    return value


def timeline_url_reads(text: str, param: str):
    state, _ = parse_timeline({param: [text]}, low=None, high=None)
    return state.start if param == "from" else state.end


@pytest.fixture(scope="module")
def source(engine):
    return DirectSource(engine)


def twin_reads(text: str, param: str, source):
    payload = views.twin("search", {param: [text]}, source, "http://example.test")
    shown = payload["params"].get(param)
    assert (shown is None) == bool(payload["notices"]), payload["notices"]
    return None if shown is None else date.fromisoformat(shown) if len(shown) == 10 else shown


@pytest.mark.parametrize("text, start, end", TABLE)
def test_the_cli_the_links_and_the_twin_read_a_date_alike(text, start, end, source):
    assert cli_reads(text, "--from") == url_reads(text, "from") == timeline_url_reads(text, "from") == start
    assert cli_reads(text, "--to") == url_reads(text, "to") == timeline_url_reads(text, "to") == end
    assert twin_reads(text, "from", source) == start
    assert twin_reads(text, "to", source) == end


def test_a_refused_date_says_which_forms_are_accepted():
    _, notices = parse_search({"from": ["20240226"]}, [], lambda _: True, 2000)
    assert "2024-02-26" in notices[0] and "2024-02" in notices[0] and "2024" in notices[0]


@pytest.mark.parametrize("phrase, iso", [
    ("17 June 2025", "2025-06-17"), ("Tuesday 17 June 2025", "2025-06-17"), ("June 17, 2025", "2025-06-17"),
    ("2025-06-17", "2025-06-17"),
])
def test_a_date_phrase_reads_the_same_in_events_figures_and_a_documents_stated_date(phrase, iso):
    import datetime

    from explorer.analysis.events.dates import find_dates as event_dates
    from explorer.analysis.figures import find_figures
    from explorer.dates import find_dates, limit
    from explorer.ingest.extract.dates import stated_date

    sentence = f"The board approved the merger on {phrase} in Oslo."
    reference = datetime.date(2025, 6, 20)
    one = [(m.text, m.value) for m in find_dates(sentence, reference)]
    assert one == [(phrase, iso)]
    assert [(m.text, m.value) for m in event_dates(sentence, reference)] == one
    assert [(f.text, f.value) for f in find_figures(sentence, reference) if f.kind == "date"] == one
    assert stated_date(f"Adopted on {phrase} in Oslo.")[0] == iso
    assert limit(iso).isoformat() == iso
