"""How the marked amount of a scale chart compares with the other commitments, said in words.

The marked row is the one the story's chart spec marks (story.json's timeline charts, "marked";
on the bundled story Microsoft's EUR 15M in Mistral AI). A log axis makes EUR 15M look like a
sizeable fraction of USD 10B; it is about 1/600. So the
scale chart states each ratio in words. Amounts are compared only in one currency, and only in
currencies a source reported: EUR with EUR as reported; against a USD figure, the marked amount's USD
equivalent as a source reported it (named in the sentence). Where no source gives a figure in
the other's currency, the sentence says they are not compared. We never convert with exchange
rates of our own.

Works on the rows of `explorer.story.timeline.in_view` (shown_value, shown_currency) plus the
corpus's own columns (amount, currency, usd_equivalent, usd_equivalent_source, actor,
counterparty) and `marked` (explorer's chart layer sets it from the spec).
"""

import math

import pandas as pd

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
    """The marked row (a dict), or None when there is none or the filters left it out."""
    found = rows[rows["marked"].fillna(False).astype(bool)] if "marked" in rows else rows.iloc[0:0]
    return found.iloc[0].to_dict() if len(found) else None


def _named(star: dict) -> str:
    """The marked amount as its row says it: "Microsoft's EUR 15M in Mistral AI"."""
    amount = compact(star["amount"], star["currency"])
    actor, counterparty = str(star.get("actor") or "").strip(), str(star.get("counterparty") or "").strip()
    return (f"{actor}'s " if actor else "the ") + amount + (f" in {counterparty}" if counterparty else "")


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
    return f"taking the ≈{compact(star['usd_equivalent'], 'USD')} that {source} reported for the " \
           f"{compact(star['amount'], star['currency'])}"


def ratio_sentences(rows: pd.DataFrame, label_of) -> list[str]:
    """One sentence per other commitment: how many times the marked amount it is, and the fraction.

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
        sentences.append(f"{label_of(row)}: {amount}{hedge} is about {times(ratio)} times {_named(star)}, "
                         f"which is about 1/{times(ratio)} of it" + (f" ({via})" if via else "") + ".")
    return sentences
