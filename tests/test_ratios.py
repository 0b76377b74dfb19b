"""The scale chart's ratios in words: computed in one currency as sources reported it, never
converted by us, and saying so when two figures cannot be compared.

The rows are written here in the bundled story's shape (its EUR 15M, disputed, with TechCrunch's
USD equivalent) because the sentences' wording was checked against that chart; the marked row is
the one flagged `marked`, whatever its parties."""

import pandas as pd

from explorer.ratios import ratio_sentences, times


def row(id, counterparty, amount, currency, usd=None, source="", status="confirmed", shown=None, shown_currency=None,
        marked=False, actor="Microsoft"):
    return {"id": id, "actor": actor, "counterparty": counterparty, "amount": amount, "currency": currency,
            "usd_equivalent": usd, "usd_equivalent_source": source, "status": status, "shown_value": shown or amount,
            "shown_currency": shown_currency or currency, "marked": marked}


STAR = row("star", "Mistral AI", 15e6, "EUR", usd=16.3e6, source="TechCrunch (CNBC: ≈$16M)", status="disputed",
           marked=True)


def sentences(*others, star=STAR):
    return ratio_sentences(pd.DataFrame([star, *others]), lambda r: r["counterparty"])


def test_times_reads_as_two_significant_figures():
    assert [times(613.5), times(213.3), times(61.3), times(6.7)] == ["610", "210", "61", "6.7"]


def test_same_currency_is_compared_directly():
    [text] = sentences(row("de", "Germany", 3.2e9, "EUR", status="disputed"))
    assert text.startswith("Germany: EUR 3.2B (disputed) is about 210 times Microsoft's EUR 15M")
    assert "1/210" in text and "TechCrunch" not in text


def test_another_currency_uses_the_equivalent_a_source_reported_and_names_it():
    [text] = sentences(row("oa", "OpenAI", 10e9, "USD", status="unconfirmed"))
    assert "about 610 times" in text and "1/610" in text  # 10B / 16.3M, not 10B / 15M
    assert "≈USD 16.3M that TechCrunch reported" in text


def test_no_equivalent_reported_means_no_ratio():
    star = {**STAR, "usd_equivalent": None}
    [text] = sentences(row("oa", "OpenAI", 10e9, "USD"), star=star)
    assert "Not compared" in text and "times" not in text


def test_no_sentences_when_the_investment_is_filtered_out():
    assert ratio_sentences(pd.DataFrame([row("oa", "OpenAI", 10e9, "USD")]), lambda r: r["counterparty"]) == []


def test_the_marked_row_is_the_base_whoever_its_parties_are():
    star = row("b", "Halvard Systems", 2e6, "EUR", marked=True, actor="Fjordline Capital")
    [text] = sentences(row("a", "Veltro Robotics", 20e6, "EUR"), star=star)
    assert "about 10 times Fjordline Capital's EUR 2M in Halvard Systems" in text


def test_no_marked_row_means_no_sentences():
    assert ratio_sentences(pd.DataFrame([row("a", "Veltro Robotics", 20e6, "EUR"), {**STAR, "marked": False}]),
                           lambda r: r["counterparty"]) == []
