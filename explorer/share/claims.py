"""The claims view as data, link preview and exports: one place that the page, the JSON twin
(/api/claims), the link preview and the CLI (`python -m explorer claims`) all call, so the same URL
means the same claims everywhere."""

from datetime import date

from explorer.analysis.claims.report import checkable_documents
from explorer.citation import citation
from explorer.links.claims import claim_url, parse_claims

QUOTE_CHARS = 140


def parse_view(params, story, engine, entities=None):
    """(state, notices) as the page parses them; an unknown claim key is checked against the
    document's sentences and reviewed claims. `entities`: the story's EntityIndex if the caller
    holds one (it decides the default document)."""
    from explorer.analysis.claims import default_document
    from explorer.analysis.claims.check import claim_keys
    from explorer.analysis.claims.verdicts import verdicts

    def known(doc, key):
        doc = doc or default_document(story, engine, entities)
        return key in claim_keys(story, engine, doc) or key in verdicts(story)

    return parse_claims(params, checkable_documents(story, engine), known)


def report_for(story, engine, state, entities=None):
    """The claims report the state asks for; `entities`: the story's EntityIndex if the caller
    holds one (the page's cached one), else it is read from the story."""
    from explorer.analysis.claims import claims_report, default_document
    from explorer.analysis.entities import entities_of

    entities = entities_of(story) if entities is None else entities  # read once: the default and the claims
    doc = state.doc or default_document(story, engine, entities)
    return claims_report(story, engine, doc, entities=entities) if doc else None


def helpers(story, engine, base: str, extra: dict, doc: str, accessed: date | None = None):
    """(permalink_of(claim key), citation_of(claim)) for exports and twins."""
    documents = {d.id: d for d in story.documents}

    def permalink_of(key: str) -> str:
        return claim_url(base, doc, key, extra)

    def citation_of(claim) -> str:
        """The evidence sentence's citation; its permalink opens the evidence passage."""
        from explorer.links.search import permalink

        passage = engine.passage(claim.evidence.passage_id)
        return citation(passage, documents.get(passage.doc), permalink(base, passage.id, extra=extra),
                        quote=claim.evidence.text, accessed=accessed)

    return permalink_of, citation_of


def claims_twin(state, story, engine, base: str, url: str, notices: list[str], extra: dict) -> dict:
    """The page's claims and verdicts, each claim with its permalink and its evidence's citation."""
    report = report_for(story, engine, state)
    out = {"view": "claims", "url": url, "params": state.to_params(), "notices": list(notices),
           "writable": story.writable}
    if report is None:
        return {**out, "claims": [], "counts": {"claims": 0}}
    permalink_of, citation_of = helpers(story, engine, base, extra, report.doc)
    data = report.to_dict()
    for row, claim in zip(data["claims"], report.claims):
        row["permalink"] = permalink_of(claim.key)
        row["citation"] = citation_of(claim) if claim.evidence else None
    data["opened"] = next((r for r in data["claims"] if r["key"] == state.claim), None)
    return {**out, **data}


def claim_preview_text(claim, verdict) -> tuple[str, str]:
    """(title, description) of a claim's link preview: the claim, its verdict, the automatic reading."""
    from explorer.share.preview import clip

    said = f"“{clip(claim.text if claim else verdict.claim_text, QUOTE_CHARS)}”"
    reviewed = (f"Verdict: {verdict.rating} ({verdict.author})." if verdict else "Verdict: not reviewed yet.")
    automatic = f" Against the sources: {claim.summary}." if claim else ""
    note = f" {verdict.note}" if verdict and verdict.note else ""
    title = f"Claim: {claim.text if claim else verdict.claim_text}"
    return title, f"{said} {reviewed}{automatic}{note}"


def claims_preview(state, story, engine, url: str):
    from explorer.share.preview import Preview, clip, page_preview, DESCRIPTION_CHARS

    report = report_for(story, engine, state)
    if report is None:
        return page_preview("claims", url)
    if state.claim:
        claim = report.claim(state.claim)
        verdict = report.verdict_of(state.claim) if claim else report.verdicts.get(state.claim)
        if claim or verdict:
            title, text = claim_preview_text(claim, verdict)
            return Preview(clip(title, 90), clip(text, DESCRIPTION_CHARS), url)
    counts = report.counts()
    differing = counts["by_status"].get("differs", 0)
    text = (f"{counts['claims']} check-worthy claims, {counts['reviewed']} with a verdict; {differing} where the "
            "sources state a different figure or name.")
    return Preview("Claims checked against the sources", text, url)
