"""The facts engine's walk over an article: candidates -> classification -> attribution, sentence by sentence.

Thin orchestration of the stages (docs/rules.md): `candidates` (lines, numbers with their clauses), `rules` /
`percents` / `tables` (what a number states), `attribute` (whose, when). What carries between sentences is the
attribution `Document`, the classification `Reading` and the candidates `Budget`.
"""

from __future__ import annotations

from datetime import date

from services.extractor import attribute, candidates, rules, tables
from services.extractor.attribute import Document, RawFact, stock_end
from services.extractor.candidates import Budget, Line
from services.extractor.rules import Reading
from services.extractor.sites import STOCK, Cls

__all__ = ["STOCK", "RawFact", "all_sentences", "extract_raw", "stock_end"]

all_sentences = candidates.all_sentences


def extract_raw(text: str, title: str | None, published: date | None, stats: dict[str, int] | None = None) -> list[RawFact]:
    """Raw facts of an article, in text order (stats, if given, gets "numbers_over_budget": numbers not read)."""
    text = candidates.without_cut_number(candidates.without_related(text))
    sents = candidates.all_sentences(text, title)
    doc = attribute.document(text, sents, published)
    reading, budget = Reading(), Budget()
    out: list[RawFact] = []
    for line in candidates.lines(sents):
        out.extend(_line(line, doc, reading, budget))
    if stats is not None:
        stats["numbers_over_budget"] = budget.over
    return attribute.dated(out, doc)


def _line(line: Line, doc: Document, reading: Reading, budget: Budget) -> list[RawFact]:
    """The raw facts of one line: a table header dates the rows below it, a table row gives its cells' facts, a
    counter line nothing, anything else is read as a sentence."""
    if line.header:
        attribute.header_period(line.text, doc)
        return []
    if line.cells is not None:
        found = tables.row_facts(line.cells, line.roles)
        if found:
            return attribute.table_row(found, line.text, doc)
    if line.counter:
        return []
    return _sentence(line.text, doc, reading, budget)


def _sentence(sent: str, doc: Document, reading: Reading, budget: Budget) -> list[RawFact]:
    """Extract one sentence's facts and update what carries to the next."""
    scope = attribute.scope(sent, doc)
    reading.see(sent)
    opener = candidates.opens_breakdown(sent)
    admit_ctx = reading.admit_context(sent, opener)
    nums = budget.take(sent)
    cands = candidates.in_sentence(sent, nums, [(p.start, p.end) for p in scope.periods])
    attribute.with_respective(scope, [c.num for c in cands])
    new: list[RawFact] = []
    prev: Cls | None = None
    for c in cands:
        cls = rules.classify(reading.site(c, admit_ctx, prev, opener))
        if cls is None:
            continue
        prev = cls
        new.extend(attribute.facts(c, cls, scope, doc))
    for c, fraction in rules.fractions(sent, reading.admitted_before):
        new.extend(attribute.fraction_facts(c, fraction, scope, doc))
    attribute.carry(doc, scope, new)
    reading.after([f.cls for f in new], admit_ctx)
    return new
