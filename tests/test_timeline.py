"""Timeline core: validation names file and line, every event is sourced, figures and filters follow the data.

Pinned to the bundled story's ids (msft-mistral-investment, msft-spain, cma-msft-openai-inquiry,
...) on purpose: they check the shipped corpus itself (its records, sources and the figures its
texts state), so a change to those files must show here.
"""

import csv
import json
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from explorer.story import timeline as tl
from explorer.errors import CorpusError
from ui.charts import timeline as charts

REAL = Path(__file__).resolve().parent.parent / "corpus" / "timeline.csv"
# The bundled story's charts are data (corpus/story.json): which rows each draws and marks.
SPECS = {c["kind"]: c for c in json.loads((REAL.parent / "story.json").read_text(encoding="utf-8"))["timeline"]["charts"]}


@pytest.fixture(scope="module")
def events():
    return tl.load_timeline(REAL)


def _rows():
    with REAL.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(tmp_path, rows) -> Path:
    path = tmp_path / "timeline.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=tl.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("column, value, words", [
    ("date", "2024-13-45", "bad date"),
    ("date", "2024-02", "bad date"),  # month form with day precision
    ("type", "merger", "unknown type"),
    ("source_urls", "", "missing source"),
    ("source_urls", "Reuters, somewhere", "missing source"),
])
def test_validation_error_names_file_and_line(tmp_path, column, value, words):
    rows = _rows()[:4]
    rows[2] = {**rows[2], column: value}  # the third data row sits on line 4 (header is line 1)
    path = _write(tmp_path, rows)
    assert_error_names_line(path, 4, words)


def test_validation_counts_lines_of_multiline_fields(tmp_path):
    rows = _rows()[:3]
    rows[0] = {**rows[0], "description": "first line\nsecond line"}
    rows[1] = {**rows[1], "type": "nope"}
    with pytest.raises(CorpusError, match="line 4"):
        tl.load_timeline(_write(tmp_path, rows))


def test_year_precision_covers_the_whole_year(events):
    row = events[events["date_precision"] == "year"].iloc[0]
    assert row["period_start"] == pd.Timestamp(f"{row['date']}-01-01")
    assert row["period_end"] == pd.Timestamp(f"{row['date']}-12-31")


def test_every_event_in_the_real_file_has_a_source_url(events):
    assert len(events) == len(_rows())
    for field in events["source_urls"]:
        urls = tl.sources(field)
        assert urls and all(u.startswith(("http://", "https://")) for u in urls)


def test_usd_equivalents_always_name_who_reported_them(events):
    with_usd = events[events["usd_equivalent"].notna()]
    assert len(with_usd) and (with_usd["usd_equivalent_source"].str.strip() != "").all()


def test_funding_chart_has_one_point_per_funding_round(events):
    rows, _ = charts.funding_data(events, "reported", SPECS["funding"])
    fig = charts.funding_figure(rows, "reported", SPECS["funding"])
    rounds = events[events["type"] == "funding round"]
    amount_ids = [i[0] for t in fig.data if t.name.startswith("Round amount") for i in t.customdata]
    assert sorted(amount_ids) == sorted(rounds["id"])
    assert fig.layout.yaxis.type == "log" and "log scale" in fig.layout.yaxis.title.text


def test_funding_chart_marks_microsofts_eur_15m(events):
    rows, _ = charts.funding_data(events, "reported", SPECS["funding"])
    fig = charts.funding_figure(rows, "reported", SPECS["funding"])
    star = [t for t in fig.data if t.name == "Microsoft's investment"]
    assert len(star) == 1 and star[0].y[0] == 15_000_000
    assert any("EUR 15M" in a.text for a in fig.layout.annotations)


def test_scale_chart_includes_mistral_eur_15m_and_leaves_out_overlapping_total(events):
    rows, _ = charts.scale_data(events, "reported", SPECS["scale"])
    fig = charts.scale_figure(rows, "reported", SPECS["scale"])
    points = {i[0]: v for t in fig.data for i, v in zip(t.customdata, t.x)}
    assert points["msft-mistral-investment"] == 15_000_000
    ids = {i[0] for t in fig.data for i in t.customdata}
    assert {"msft-openai-2019", "msft-openai-2023", "msft-germany", "msft-spain"} <= ids
    assert "europe-ai-datacenters-total" not in ids
    assert fig.layout.xaxis.type == "log" and "log scale" in fig.layout.xaxis.title.text


def test_scale_chart_draws_amounts_as_positions_not_bar_lengths(events):
    rows, _ = charts.scale_data(events, "reported", SPECS["scale"])
    fig = charts.scale_figure(rows, "reported", SPECS["scale"])
    assert fig.data and all(t.type == "scatter" and "markers" in t.mode for t in fig.data)
    star = [t for t in fig.data if t.marker.symbol == "star"]
    assert [t.x[0] for t in star] == [15_000_000]
    hedged = {i[0] for t in fig.data for i, sym in zip(t.customdata, t.marker.symbol if isinstance(t.marker.symbol, tuple) else ())
              if sym == "circle-open"}
    assert hedged == set(rows[(rows["status"] != "confirmed") & (rows["counterparty"] != "Mistral AI")]["id"])


def test_funding_star_label_sits_above_the_star_clear_of_the_date_ticks(events):
    rows, _ = charts.funding_data(events, "reported", SPECS["funding"])
    fig = charts.funding_figure(rows, "reported", SPECS["funding"])
    label = next(a for a in fig.layout.annotations if "EUR 15M" in a.text)
    assert label.ay < 0  # pixels upwards: the axis and its "Jan 2024" tick are below the star
    assert fig.layout.legend.y < 0  # the legend is under the plot, not over the title


def test_usd_view_uses_only_source_reported_usd_and_says_what_it_omits(events):
    rows, omitted = charts.funding_data(events, "usd", SPECS["funding"])
    assert (rows["shown_currency"] == "USD").all()
    for record in rows.to_dict("records"):
        if record["measure"] == "Valuation":
            assert record["valuation_currency"] == "USD" and record["shown_value"] == record["valuation"]
        else:
            assert record["shown_value"] == record["usd_equivalent"]
    eur_valuations = events[(events["type"] == "funding round") & (events["valuation_currency"] == "EUR")]
    assert len(omitted) == len(eur_valuations)
    star = rows[rows["measure"] == charts.MARKED]
    assert star["shown_value"].tolist() == [16_300_000]  # TechCrunch's figure, not a conversion of ours


def test_events_chart_stacks_same_day_events_in_a_lane(events):
    fig = charts.events_figure(events)
    points = [(x, y) for t in fig.data if t.mode == "markers" and t.customdata is not None
              for x, y in zip(t.x, t.y)]
    assert len(points) == len(events)
    assert len(set(points)) == len(points)  # no two events drawn on the same spot
    # the period shown is the page's filter (in the URL), never a zoom inside the chart
    assert fig.layout.xaxis.fixedrange and not fig.layout.updatemenus and not fig.layout.xaxis.rangeslider.visible


def test_hover_shows_amount_precision_source_and_note(events):
    row = events[events["id"] == "msft-mistral-investment"].iloc[0].to_dict()
    text = charts.hover(row)
    assert "EUR 15M" in text and "date precision: day" in text and "ttm.financial" in text and "UNCONFIRMED" in text


@pytest.mark.parametrize("start, end, partial", [
    (date(2024, 1, 1), date(2024, 2, 26), "cma-msft-openai-inquiry"),  # only its end_date (2024-01-03) is inside
    (date(2023, 4, 20), date(2023, 6, 30), "mistral-founding"),  # a month-precision date reaching into the range
    (date(2024, 3, 15), date(2024, 5, 16), "eu-lawmakers-reaction"),  # a month-precision end_date
])
def test_date_filter_selects_events_overlapping_the_range(events, start, end, partial):
    expected = [r["id"] for r in _rows()
                if _overlaps(r["date"], r["end_date"], start, end)]
    got = tl.filter_events(events, start, end)
    assert sorted(got["id"]) == sorted(expected)
    assert partial in expected


def test_type_filter_selects_only_those_types(events):
    got = tl.filter_events(events, types=("funding round", "regulatory"))
    frame = pd.read_csv(REAL, dtype=str)
    expected = frame[frame["type"].isin(["funding round", "regulatory"])]["id"]
    assert sorted(got["id"]) == sorted(expected)


def test_filters_combine(events):
    got = tl.filter_events(events, date(2024, 2, 1), date(2024, 3, 31), ("investment",))
    assert sorted(got["id"]) == sorted(["msft-germany", "msft-spain", "msft-mistral-investment",
                                        "europe-ai-datacenters-total"])


def _overlaps(text, end_text, start, end):
    """Our own reading of a date's period, independent of explorer.story.timeline."""
    parts = [int(p) for p in text.split("-")]
    first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    last_text = end_text or text
    last_parts = [int(p) for p in last_text.split("-")]
    if len(last_parts) == 3:
        last = date(*last_parts)
    elif len(last_parts) == 2:
        last = (pd.Timestamp(date(*last_parts, 1)) + pd.offsets.MonthEnd(0)).date()
    else:
        last = date(last_parts[0], 12, 31)
    return first <= end and last >= start


# --- which source backs which claim (source_notes) ----------------------------------------------

def test_source_notes_parse_url_and_claim_and_allow_semicolons_in_a_claim():
    field = "https://a.example/x: the amount; and the date ; http://b.example/y?q=1: the quote"
    assert tl.source_notes(field) == [("https://a.example/x", "the amount; and the date"),
                                      ("http://b.example/y?q=1", "the quote")]
    assert tl.source_notes("") == []


@pytest.mark.parametrize("notes, words", [
    ("https://elsewhere.example/page: the amount", "not one of the row's source_urls"),
    ("Reuters: the amount", "bad source_notes"),
    ("{first}: the amount", "must say what each"),  # a second URL is left unexplained
    ("{first}: the amount ; {first}: the date", "same URL twice"),
])
def test_bad_source_notes_name_file_and_line(tmp_path, notes, words):
    rows = _rows()[:4]
    first, *others = tl.sources(rows[2]["source_urls"])
    assert others  # a row with several sources, so each needs a note
    rows[2] = {**rows[2], "source_notes": notes.format(first=first)}  # the third data row sits on line 4
    path = _write(tmp_path, rows)
    assert_error_names_line(path, 4, words)


def test_a_single_source_row_needs_no_source_note(tmp_path):
    row = next(r for r in _rows() if len(tl.sources(r["source_urls"])) == 1)
    assert len(tl.load_timeline(_write(tmp_path, [{**row, "source_notes": ""}]))) == 1


def test_every_url_of_a_multi_source_row_in_the_real_file_says_what_it_backs(events):
    several = events[events["source_urls"].map(lambda f: len(tl.sources(f)) > 1)]
    assert len(several) >= 20
    for row in several.to_dict("records"):
        named = [url for url, claim in tl.source_notes(row["source_notes"]) if claim.strip()]
        assert sorted(named) == sorted(tl.sources(row["source_urls"])), row["id"]


# --- the fact base's status rule, checked against the text of each note --------------------------

DISAGREEMENT = re.compile(r"disagree|dispute|contradict|conflict|differ", re.IGNORECASE)


def test_statuses_follow_the_fact_base_rule_read_from_the_notes(events):
    """Disagreement recorded -> disputed; UNCONFIRMED (single secondary source, our inference) -> unconfirmed;
    confirmed only when the note records neither. Read from the notes, not from a list of ids."""
    for row in events.to_dict("records"):
        note = row["note"] or ""
        if DISAGREEMENT.search(note):
            expected = "disputed"
        elif "UNCONFIRMED" in note:
            expected = "unconfirmed"
        else:
            expected = "confirmed"
        assert row["status"] == expected, (row["id"], note)


def test_open_statuses_say_why_in_the_note(events):
    open_rows = events[events["status"] != "confirmed"]
    assert len(open_rows) and (open_rows["note"].str.strip() != "").all()


def test_reported_is_retired_and_refused_with_a_pointer(tmp_path, events):
    assert "reported" not in tl.STATUSES and "reported" not in set(events["status"])
    rows = _rows()[:2]
    rows[1] = {**rows[1], "status": "reported"}
    with pytest.raises(CorpusError, match=r"line 3: unknown status 'reported'.*retired"):
        tl.load_timeline(_write(tmp_path, rows))


# --- the Second pass's corrected dates and types ------------------------------------------------

@pytest.mark.parametrize("event_id, when, until, kind", [
    ("msft-spain", "2024-02-19", "", "investment"),
    ("france-finance-ministry", "2024-02-28", "", "political reaction"),
    ("eu-lawmakers-reaction", "2024-02-27", "2024-03", "political reaction"),
    ("cma-msft-openai-inquiry", "2023-12-08", "2024-01-03", "regulatory"),
    ("ec-msft-openai-review", "2024-01-09", "", "regulatory"),
    ("mixtral-8x7b", "2023-12-08", "2023-12-11", "product launch"),
    ("mistral-series-a", "2023-12-10", "", "funding round"),
    ("cma-mistral-inquiry", "2024-05-16", "", "regulatory"),
    ("cma-no-merger-probe", "2024-05-17", "", "regulatory"),  # linked from the home page: the decision's day
])
def test_corrected_dates_and_types(events, event_id, when, until, kind):
    row = events[events["id"] == event_id].iloc[0]
    assert (row["date"], row["end_date"] or "", row["type"]) == (when, until, kind)


def test_political_reactions_are_not_filed_as_regulatory(events):
    assert "political reaction" in tl.TYPES
    political = events[events["actor"].str.contains("lawmaker|ministry", case=False)]
    assert len(political) == 2 and (political["type"] == "political reaction").all()


def test_cma_openai_step_is_an_invitation_to_comment_not_a_probe(events):
    row = events[events["id"] == "cma-msft-openai-inquiry"].iloc[0]
    assert "invitation to comment" in row["description"] and "not a formal" in row["description"]


def test_series_a_valuation_is_not_presented_as_mistrals(events):
    row = events[events["id"] == "mistral-series-a"].iloc[0]
    assert row["valuation_as_reported"].startswith("not stated by Mistral")


def test_primary_sources_come_first_where_the_second_pass_gives_one(events):
    first = {r["id"]: tl.sources(r["source_urls"])[0] for r in events.to_dict("records")}
    assert first["msft-openai-2019"].startswith("https://news.microsoft.com/")
    assert first["msft-mistral-partnership"].startswith("https://azure.microsoft.com/")
    assert first["cma-invitation-comment"].startswith("https://www.gov.uk/")
    assert first["european-digital-commitments"].startswith("https://blogs.microsoft.com/")
    assert first["mixtral-8x7b"].startswith("https://arxiv.org/")


# --- status counts and the table / CSV export -------------------------------------------------

def test_status_counts_count_every_status_including_zero():
    frame = pd.DataFrame({"status": ["confirmed", "disputed", "confirmed"]})
    assert tl.status_counts(frame) == {"confirmed": 2, "disputed": 1, "unconfirmed": 0}
    assert list(tl.status_counts(frame.iloc[:0])) == list(tl.STATUSES)


def test_status_counts_of_the_real_timeline(events):
    counts = tl.status_counts(events)
    assert sum(counts.values()) == len(events)
    assert counts["unconfirmed"] == (events["status"] == "unconfirmed").sum() > 0
    assert counts["disputed"] == (events["status"] == "disputed").sum() > 0


def test_table_and_its_csv_carry_description_status_note_and_sources(events):
    data = tl.table(events, extra=("shown_value",))
    for column in ("description", "status", "note", "source_urls", "source_notes"):
        assert column in data.columns
    assert list(data.columns[:9]) == list(tl.TABLE_COLUMNS[:9])  # title then description, before plotted extras
    exported = pd.read_csv(io.StringIO(data.to_csv(index=False)), dtype=str, keep_default_na=False)
    row = exported[exported["id"] == "msft-mistral-investment"].iloc[0]
    assert row["status"] == "disputed" and "UNCONFIRMED" in row["note"] and "ttm.financial" in row["source_notes"]


def test_every_event_type_has_its_own_colour():
    from explorer.analysis.events.frame import ALL_TYPES

    assert set(charts.TYPE_COLOURS) == set(ALL_TYPES)
    assert len(set(charts.TYPE_COLOURS.values())) == len(ALL_TYPES)


def assert_error_names_line(path, line: int, words: str) -> None:
    """Loading fails with a CorpusError that names the file, the line and what is wrong."""
    with pytest.raises(CorpusError) as error:
        tl.load_timeline(path)
    message = str(error.value)
    assert str(path) in message and f"line {line}" in message and words in message


def test_status_filter_keeps_only_events_in_those_review_states():
    day = pd.Timestamp("2025-06-11")
    frame = pd.DataFrame({"id": ["a", "b", "c", "d"], "type": ["other"] * 4, "period_start": [day] * 4,
                          "period_end": [day] * 4, "review": ["extracted", "confirmed", "corrected", "extracted"]})
    assert list(tl.filter_events(frame, statuses=("extracted",))["id"]) == ["a", "d"]
    assert list(tl.filter_events(frame, statuses=("confirmed", "corrected"))["id"]) == ["b", "c"]
    assert list(tl.filter_events(frame)["id"]) == ["a", "b", "c", "d"]
