"""A document's claims published as a fact-check: schema.org ClaimReview JSON-LD, CSV, Markdown.

ClaimReview is the markup fact-checkers publish and Google's Fact Check Explorer reads: one object
per reviewed claim with claimReviewed, reviewRating {ratingValue, bestRating, worstRating,
alternateName}, itemReviewed (the Claim, with its author and its appearance), author,
datePublished and url. Only claims a person gave a verdict get one: an automatic difference is
not a review. CSV and Markdown list every claim, its automatic status, its verdict and the
citation of its evidence, then the reviewed claims that match no sentence of the document (as the
page lists them), so an export hides no verdict.
"""

import csv
import io
from datetime import date

from explorer.analysis.claims.verdicts import RATINGS

BEST, WORST = 5, 1
CSV_COLUMNS = ["rank", "claim", "locator", "why", "automatic", "evidence", "evidence_locator", "verdict", "note",
               "reviewed_by", "reviewed_at", "permalink"]


def _day(stamp: str | None) -> str:
    return (stamp or date.today().isoformat())[:10]


def claim_review(claim_text: str, verdict, permalink: str, document, publisher: str) -> dict:
    """One ClaimReview object (schema.org), as Google documents it."""
    rating = {"@type": "Rating", "bestRating": BEST, "worstRating": WORST, "alternateName": verdict.rating.capitalize()}
    if RATINGS.get(verdict.rating) is not None:
        rating["ratingValue"] = RATINGS[verdict.rating]
    appearance = {"@type": "CreativeWork", "headline": document.title if document else ""}
    if document is not None and document.source_url:
        appearance["url"] = document.source_url
    item = {"@type": "Claim", "appearance": appearance,
            "author": {"@type": "Organization", "name": (document and (document.outlet or document.publisher))
                       or "unknown"}}
    if document is not None and document.date:
        item["datePublished"] = document.date
    return {"@context": "https://schema.org", "@type": "ClaimReview", "url": permalink,
            "claimReviewed": claim_text, "datePublished": _day(verdict.decided_at),
            "author": {"@type": "Organization" if verdict.origin == "shipped" else "Person", "name": verdict.author,
                       **({"url": publisher} if publisher else {})},
            "reviewRating": rating, "itemReviewed": item, "reviewBody": verdict.note}


def claim_reviews(report, document, permalink_of, publisher: str = "") -> list[dict]:
    """Every reviewed claim of the report as ClaimReview (claims first, then reviewed claims that
    match no sentence)."""
    out = []
    for claim in report.claims:
        verdict = report.verdict_of(claim.key)
        if verdict is not None:
            out.append(claim_review(verdict.claim_text or claim.text, verdict, permalink_of(claim.key), document,
                                    publisher))
    for verdict in report.unlinked:
        out.append(claim_review(verdict.claim_text, verdict, permalink_of(verdict.subject), document, publisher))
    return out


UNMATCHED = "reviewed claim not matched to a sentence"


def rows(report, permalink_of, citation_of) -> list[dict]:
    """One row per claim: the automatic reading and the reviewed one side by side; then one per
    reviewed claim matching no sentence (no rank, no automatic reading)."""
    out = []
    for claim in report.claims:
        verdict = report.verdict_of(claim.key)
        out.append({"rank": claim.rank, "claim": claim.text, "locator": claim.locator, "why": claim.why,
                    "automatic": claim.summary,
                    "evidence": citation_of(claim) if claim.evidence else "",
                    "evidence_locator": claim.evidence_locator,
                    "verdict": verdict.rating if verdict else "", "note": verdict.note if verdict else "",
                    "reviewed_by": verdict.author if verdict else "",
                    "reviewed_at": verdict.decided_at if verdict else "", "permalink": permalink_of(claim.key)})
    for verdict in report.unlinked:
        out.append({"rank": "", "claim": verdict.claim_text, "locator": "", "why": UNMATCHED, "automatic": "",
                    "evidence": "", "evidence_locator": "", "verdict": verdict.rating, "note": verdict.note,
                    "reviewed_by": verdict.author, "reviewed_at": verdict.decided_at,
                    "permalink": permalink_of(verdict.subject)})
    return out


def to_csv(report, permalink_of, citation_of) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in rows(report, permalink_of, citation_of):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value):
    """A spreadsheet never runs a cell as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else value


def to_markdown(report, title: str, permalink_of, citation_of) -> str:
    """Plain Markdown (every document text as a quotation, its markup characters escaped)."""
    lines = [f"# Claims of {md(title)}", ""]
    for row in rows(report, permalink_of, citation_of):
        matched = row["why"] != UNMATCHED
        lines += [f"## {row['rank']}. {md(row['claim'])}" if matched else f"## {md(row['claim'])}", "",
                  f"- Where: {md(row['locator'])}; why: {md(row['why'])}" if matched else f"- {UNMATCHED.capitalize()}",
                  *([f"- Automatic: {md(row['automatic'])}"] if matched else []),
                  f"- Verdict: {md(row['verdict'] or 'none yet')}" + (f" ({md(row['reviewed_by'])}, {row['reviewed_at'][:10]})"
                                                                     if row["verdict"] else ""),
                  *( [f"- Note: {md(row['note'])}"] if row["note"] else []),
                  f"- Permalink: {row['permalink']}", ""]
        if row["evidence"]:
            lines += ["> " + md(line) for line in row["evidence"].splitlines()] + [""]
    return "\n".join(lines)


def md(text) -> str:
    """Markdown's special characters escaped, so a quoted text stays text."""
    out = str(text)
    for char in "\\`*_{}[]<>()#+!|~":
        out = out.replace(char, "\\" + char)
    return out
