"""How Microsoft's EUR 15M in Mistral AI compares with its other commitments, said in words.

A log axis makes EUR 15M look like a sizeable fraction of USD 10B; it is about 1/600. So the
scale chart states each ratio in words. Amounts are compared only in one currency, and only in
currencies a source reported: EUR with EUR as reported; against a USD figure, the EUR 15M's USD
equivalent as a source reported it (named in the sentence). Where no source gives a figure in
the other's currency, the sentence says they are not compared. We never convert with exchange
rates of our own.

Works on the rows of `explorer.story.timeline.in_view` (shown_value, shown_currency) plus the
corpus's own columns (amount, currency, usd_equivalent, usd_equivalent_source).
"""

import math

import pandas as pd

MISTRAL = "Mistral AI"


def compact(value: float, unit: str = "") -> str:
    """1500000000 -> 'USD 1.5B'."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        text = f"{value:g}"
    return f"{unit} {text}".strip()


def times(ratio: float) -> str:
    """A ratio rounded to two significant figures for reading: 613.5 -> '610', 213.3 -> '210', 6.7 -> '6.7'."""
    if ratio >= 10:
        digits = math.floor(math.log10(ratio)) - 1
        return f"{round(ratio, -digits):,.0f}"
    return f"{ratio:.2g}"


def the_investment(rows: pd.DataFrame):
    """Microsoft's investment in Mistral AI among the rows (a dict), or None when filtered out."""
    found = rows[rows["counterparty"] == MISTRAL]
    return found.iloc[0].to_dict() if len(found) else None


def same_currency(star: dict, currency: str) -> tuple[float, str] | None:
    """The investment in `currency` as a source reported it, with how we got it (None: no such figure)."""
    if star["shown_currency"] == currency:
        via = "" if star["currency"] == currency else _equivalent_source(star)
        return star["shown_value"], via
    if currency == "USD" and pd.notna(star.get("usd_equivalent")):
        return star["usd_equivalent"], _equivalent_source(star)
    if currency == star.get("currency"):
        return star["amount"], ""
    return None


def _equivalent_source(star: dict) -> str:
    source = str(star.get("usd_equivalent_source") or "a source").split(" (")[0]
    return f"taking the ≈{compact(star['usd_equivalent'], 'USD')} that {source} reported for the EUR 15M"


def ratio_sentences(rows: pd.DataFrame, label_of) -> list[str]:
    """One sentence per other commitment: how many times the EUR 15M it is, and the fraction.

    `label_of(row)` names a commitment as the chart does ("OpenAI (Jan 2023)")."""
    star = the_investment(rows)
    if star is None:
        return []
    reported = compact(star["amount"], star["currency"])
    sentences = []
    for row in rows.to_dict("records"):
        if row["id"] == star["id"]:
            continue
        amount = compact(row["shown_value"], row["shown_currency"])
        if row["shown_currency"] != row["currency"]:  # a source's equivalent, named as such
            source = str(row.get("usd_equivalent_source") or "a source").split(" (")[0]
            amount = f"≈{amount} ({source}'s figure for the {compact(row['amount'], row['currency'])})"
        hedge = f" ({row['status']})" if row["status"] != "confirmed" else ""
        base = same_currency(star, row["shown_currency"])
        if base is None:
            sentences.append(f"{label_of(row)}: {amount}{hedge}. Not compared with the {reported}: no source "
                             f"reports the two in one currency.")
            continue
        value, via = base
        ratio = row["shown_value"] / value
        sentences.append(f"{label_of(row)}: {amount}{hedge} is about {times(ratio)} times Microsoft's {reported} "
                         f"in Mistral AI, which is about 1/{times(ratio)} of it" + (f" ({via})" if via else "") + ".")
    return sentences
