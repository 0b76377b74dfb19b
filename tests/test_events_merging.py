"""The same-event merge: its pair evidence on planted statements (fiction: invented companies
and people), and its cross-validated figure on the labelled pairs kept above a floor."""
from explorer.analysis.events.merge import merge
from explorer.analysis.events.pairs import PairWeights, same_day, shares_amount, shares_party


def statement(text, date="2025-06-17", precision="day", parties=(), amounts=(), doc="a", number=0):
    return {"id": f"{doc}:{number}", "text": text, "date": date, "precision": precision, "parties": list(parties),
            "amounts": list(amounts), "doc": doc, "passage": f"{doc}:p", "locator": "p1"}


def test_a_company_named_with_and_without_its_suffix_is_one_shared_party():
    a = statement("Veltro Robotics GmbH was founded in 2011.", parties=["Veltro Robotics GmbH"])
    b = statement("Tobias Krüger founded Veltro in 2011.", parties=["Veltro", "Tobias Krüger"])
    assert shares_party(a, b)


def test_two_people_sharing_a_surname_are_not_a_shared_party():
    a = statement("Dr. Anders Lund spoke at the hearing.", parties=["Dr. Anders Lund"])
    b = statement("Karin Lund chaired the hearing.", parties=["Karin Lund"])
    assert not shares_party(a, b)


def test_pronouns_and_generic_words_are_not_shared_parties():
    a = statement("The Authority said it would decide.", parties=["The Authority", "It"])
    b = statement("The Authority met the parties.", parties=["Authority"])
    assert not shares_party(a, b)


def test_one_amount_in_two_spellings_is_shared_and_two_amounts_are_not():
    usd = {"text": "$4.5 billion", "value": 4.5e9, "unit": "USD"}
    same = {"text": "US$4.5 billion", "value": 4.5e9, "unit": "USD"}
    euros = {"text": "4.5 billion euros", "value": 4.5e9, "unit": "EUR"}
    assert shares_amount(statement("x", amounts=[usd]), statement("y", amounts=[same]))
    assert not shares_amount(statement("x", amounts=[usd]), statement("y", amounts=[euros]))


def test_a_same_day_needs_both_dates_at_day_precision():
    assert same_day(statement("x"), statement("y"))
    assert not same_day(statement("x", date="2025-06", precision="month"), statement("y", date="2025-06", precision="month"))
    assert not same_day(statement("x"), statement("y", date="2025-06-18"))


def test_a_bonus_joins_what_the_words_alone_leave_apart():
    a = statement("Adopted on 17 June 2025 in Copenhagen", doc="decision")
    b = statement("The Authority cleared the transaction yesterday", doc="release")
    words_only = PairWeights(threshold=0.3)
    assert len(merge([a, b], words_only)) == 2
    assert len(merge([a, b], PairWeights(same_day=0.3, threshold=0.3))) == 1


def test_the_cross_validated_pair_f1_stays_above_its_floor():
    """Measured 0.54 (folds 0.00-0.92) on the 117 date-compatible pairs of the tuned sets; the floor
    sits 0.14 below it, since one fold's events move it that much."""
    from explorer.bench.events_eval import SETS, candidate_pairs, cross_validate, load_labels, statements

    pairs = []
    for name in SETS:
        labels = load_labels(name)
        pairs += [(f, same, f"{name}:{a}", f"{name}:{b}") for f, same, a, b in candidate_pairs(statements(name, labels), labels)]
    scores, _ = cross_validate(pairs)
    assert sum(scores) / len(scores) >= 0.40


def test_a_planted_wrong_pair_label_lowers_the_cross_validated_figure():
    from explorer.bench.events_eval import SETS, candidate_pairs, cross_validate, load_labels, statements

    pairs = []
    for name in SETS:
        labels = load_labels(name)
        pairs += [(f, same, f"{name}:{a}", f"{name}:{b}") for f, same, a, b in candidate_pairs(statements(name, labels), labels)]
    honest, _ = cross_validate(pairs)
    flipped = [(f, not same if f[0] >= 0.5 else same, a, b) for f, same, a, b in pairs]
    moved, _ = cross_validate(flipped)
    assert sum(moved) / len(moved) < sum(honest) / len(honest)
