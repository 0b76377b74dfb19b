"""Timeline core: validation names file and line, every event is sourced, figures and filters follow the data."""

import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from explorer import timeline as tl
from ui.charts import timeline as charts
from explorer.errors import CorpusError

REAL = Path(__file__).resolve().parent.parent / "corpus" / "timeline.csv"


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
    with pytest.raises(CorpusError) as error:
        tl.load_timeline(path)
    message = str(error.value)
    assert str(path) in message and "line 4" in message and words in message


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
    rows, _ = charts.funding_data(events, "reported")
    fig = charts.funding_figure(rows, "reported")
    rounds = events[events["type"] == "funding round"]
    amount_ids = [i[0] for t in fig.data if t.name.startswith("Round amount") for i in t.customdata]
    assert sorted(amount_ids) == sorted(rounds["id"])
    assert fig.layout.yaxis.type == "log" and "log scale" in fig.layout.yaxis.title.text


def test_funding_chart_marks_microsofts_eur_15m(events):
    rows, _ = charts.funding_data(events, "reported")
    fig = charts.funding_figure(rows, "reported")
    star = [t for t in fig.data if t.name == "Microsoft's investment"]
    assert len(star) == 1 and star[0].y[0] == 15_000_000
    assert any("EUR 15M" in a.text for a in fig.layout.annotations)


def test_scale_chart_includes_mistral_eur_15m_and_leaves_out_overlapping_total(events):
    rows, _ = charts.scale_data(events, "reported")
    fig = charts.scale_figure(rows, "reported")
    eur = next(t for t in fig.data if t.name == "EUR")
    points = {i[0]: v for i, v in zip(eur.customdata, eur.x)}
    assert points["msft-mistral-investment"] == 15_000_000
    ids = {i[0] for t in fig.data for i in t.customdata}
    assert {"msft-openai-2019", "msft-openai-2023", "msft-germany", "msft-spain"} <= ids
    assert "europe-ai-datacenters-total" not in ids
    assert fig.layout.xaxis.type == "log" and "log scale" in fig.layout.xaxis.title.text


def test_usd_view_uses_only_source_reported_usd_and_says_what_it_omits(events):
    rows, omitted = charts.funding_data(events, "usd")
    assert (rows["shown_currency"] == "USD").all()
    for record in rows.to_dict("records"):
        if record["measure"] == "Valuation":
            assert record["valuation_currency"] == "USD" and record["shown_value"] == record["valuation"]
        else:
            assert record["shown_value"] == record["usd_equivalent"]
    eur_valuations = events[(events["type"] == "funding round") & (events["valuation_currency"] == "EUR")]
    assert len(omitted) == len(eur_valuations)
    star = rows[rows["measure"] == "Microsoft's investment"]
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


def test_date_filter_selects_events_overlapping_the_range(events):
    start, end = date(2024, 1, 15), date(2024, 2, 26)
    expected = [r["id"] for r in _rows()
                if _overlaps(r["date"], r["end_date"], start, end)]
    got = tl.filter_events(events, start, end)
    assert sorted(got["id"]) == sorted(expected)
    assert "ec-msft-openai-review" in expected  # a month-precision event overlapping the range


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
    """Our own reading of a date's period, independent of explorer.timeline."""
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
