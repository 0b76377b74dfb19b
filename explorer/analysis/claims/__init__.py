"""Claims of a document checked against the other documents of its collection.

- checkworthy: which sentences state something a fact-checker can verify, and why (the derived
  layer "claims", cached by content hash);
- evidence: the sentences of the other documents closest to a claim (hybrid search per document),
  cached per claim sentence under the index build (check.cached_candidates);
- parties: the people and organisations a sentence names, read from the story's entities (their
  aliases and the journalist's merges and renames);
- differences: the claim's figures and people against the evidence, normalised;
- verdicts: the journalist's rating, note and evidence (the reviewed layer "claims");
- report: both side by side for one document; export: ClaimReview JSON-LD, CSV, Markdown;
- choice: which document is checked when none is chosen (the one restating the others), and why.
"""

from explorer.analysis.claims.check import SAME_FACT, Claim, check_document
from explorer.analysis.claims.report import ClaimsReport, claims_report, default_document, document_choice
from explorer.analysis.claims.verdicts import RATINGS, Verdict, record_verdict, verdicts

__all__ = ["SAME_FACT", "Claim", "check_document", "ClaimsReport", "claims_report", "default_document",
           "document_choice", "RATINGS", "Verdict", "record_verdict", "verdicts"]
