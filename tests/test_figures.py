"""Figures found in planted sentences (fiction) and normalised across spellings and currencies."""
import datetime

import pytest

from explorer.analysis.figures import Figure, describe, find_figures, same_figure

REF = datetime.date(2025, 6, 18)  # a Wednesday


def only(text, kind, ref=None):
    return [f for f in find_figures(text, ref) if f.kind == kind]


@pytest.mark.parametrize("written, value, currency", [
    ("€15M", 15e6, "EUR"), ("EUR 15 million", 15e6, "EUR"), ("15 million euros", 15e6, "EUR"),
    ("$4.5 billion", 4.5e9, "USD"), ("USD 21m", 21e6, "USD"), ("£3bn", 3e9, "GBP"),
    ("€1.36bn", 1.36e9, "EUR"), ("twenty-one million dollars", 21e6, "USD"),
    ("US$4.5 billion", 4.5e9, "USD"), ("€15 Million", 15e6, "EUR"),
])
def test_money_spellings_are_parsed_with_value_and_currency(written, value, currency):
    found = only(f"Ostra Freight paid {written} for the site.", "money")
    assert len(found) == 1
    assert found[0].text == written
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == currency


def test_one_amount_in_three_spellings_is_the_same_figure():
    a, b, c = only("A fine of €15M, or EUR 15 million, or 15 million euros.", "money")
    assert same_figure(a, b) and same_figure(b, c)
    assert describe(a) == describe(c) == "EUR 15 million"


def test_amounts_in_different_currencies_are_not_the_same():
    eur, usd = only("It paid €15 million, about $15 million.", "money")
    assert not same_figure(eur, usd)


def test_offsets_point_at_the_text_as_written():
    text = "Ostra Freight paid USD 21m yesterday."
    f = only(text, "money")[0]
    assert text[f.start:f.end] == "USD 21m"


def test_percent_in_symbols_and_words():
    found = only("A share of 12.5%, then 12.5 per cent, then 38 percent.", "percent")
    assert [f.value for f in found] == [12.5, 12.5, 38]
    assert same_figure(found[0], found[1])
    assert describe(found[0]) == "12.5%"


def test_fractions_in_words_are_not_percentages():
    assert only("A fifth of the staff left, and half the rest.", "percent") == []


def test_counts_of_plural_nouns_in_digits_and_words():
    found = only("Ostra Freight has 312 employees in 14 data centres at fourteen sites and 1,600 drivers.",
                 "count")
    assert [(f.value, f.unit) for f in found] == [
        (312, "employee"), (14, "data centre"), (14, "site"), (1600, "driver")]
    assert describe(found[0]) == "312 employees"


@pytest.mark.parametrize("text", [
    "Page 3 of 3", "within the meaning of point 4.2 of the guidelines",
    "as held in Torvik / Bluewave (2019) 3 CMLR 45", "in 2023 the company", "open for ten years",
    "a fine of €15 million", "Case M/2025/017",
])
def test_not_counts(text):
    assert only(text, "count") == []


@pytest.mark.parametrize("written, iso, precision", [
    ("12 June 2025", "2025-06-12", "day"), ("June 12, 2025", "2025-06-12", "day"),
    ("2025-06-12", "2025-06-12", "day"), ("Thursday 19 June 2025", "2025-06-19", "day"),
    ("June 2025", "2025-06", "month"), ("in 2023", "2023", "year"),
])
def test_absolute_dates_at_their_precision(written, iso, precision):
    found = only(f"The board met {written} in Oslo.", "date")
    assert [(f.value, f.precision, f.relative) for f in found] == [(iso, precision, False)]


@pytest.mark.parametrize("written, iso, precision", [
    ("yesterday", "2025-06-17", "day"), ("today", "2025-06-18", "day"),
    ("on Tuesday", "2025-06-17", "day"), ("last Wednesday", "2025-06-11", "day"),
    ("last month", "2025-05", "month"), ("in March", "2025-03", "month"),
    ("this year", "2025", "year"), ("fourteen years ago", "2011", "year"),
    ("last week", "2025-06", "month"),
])
def test_relative_dates_resolved_against_the_reference_date(written, iso, precision):
    found = only(f"Ostra Freight said {written} that it would sell.", "date", REF)
    assert [(f.value, f.precision, f.relative) for f in found] == [(iso, precision, True)]


def test_the_next_day_counts_from_the_last_date_written():
    found = only("On 2 April 2025 two managers joined. The next day they left.", "date", REF)
    assert [f.value for f in found] == ["2025-04-02", "2025-04-03"]
    assert found[1].relative


def test_relative_dates_need_a_reference_date():
    assert only("Ostra Freight said yesterday that it would sell in March.", "date") == []


@pytest.mark.parametrize("text", [
    "Case M/2025/017", "Page 2 of 3", "point 4.2 of the Merger Guidelines",
    "Torvik / Bluewave (2019) 3 CMLR 45", "You may go now.",
])
def test_not_dates(text):
    assert only(text, "date", REF) == []


def test_dates_equal_at_the_coarser_precision():
    day, month = only("On 12 June 2025, in June 2025.", "date")
    other = only("On 12 July 2025.", "date")[0]
    assert same_figure(day, month)
    assert not same_figure(month, other)
    assert describe(day) == "12 June 2025" and describe(month) == "June 2025"


def test_percent_within_a_twentieth_of_a_point_is_the_same():
    a = Figure("percent", "12.5%", 0, 5, 12.5, None)
    assert same_figure(a, Figure("percent", "12.54%", 0, 6, 12.54, None))
    assert not same_figure(a, Figure("percent", "12.6%", 0, 5, 12.6, None))


def test_figures_never_overlap():
    found = find_figures("It paid €15 million in 2023 for 12 robots, 30% of them in March.", REF)
    spans = [(f.start, f.end) for f in found]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert {f.kind for f in found} == {"money", "date", "count", "percent"}


def test_last_weekday_is_in_the_previous_week():
    thursday = datetime.date(2025, 6, 19)
    found = only("Brisa signed last Wednesday.", "date", thursday)
    assert [f.value for f in found] == ["2025-06-11"]
