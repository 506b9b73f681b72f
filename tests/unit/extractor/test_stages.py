"""The facts engine's stages on their own: candidates, classification, attribution, and the metric registry."""

from __future__ import annotations

import re

import pytest

from services.extractor import attribute, candidates, confidence, registry, rules, vocab
from services.extractor.numbers import find_numbers
from services.extractor.periods import find_periods
from services.extractor.relevance import is_relevant
from services.extractor.rules import Reading
from services.shared import events
from services.shared.metric_registry import METRIC_NAMES


def test_registry_extends_every_shared_metric_once() -> None:
    assert len(registry.METRICS) == len(registry.BY_NAME)
    assert {m.name for m in registry.METRICS} == METRIC_NAMES == set(events.METRICS)
    assert {"members_total", "party_cells", "grassroots_orgs"} == registry.STOCK
    assert {m.name for m in registry.METRICS if m.unit == "pct"} == registry.PCT_METRICS
    assert set(vocab.CONFIDENCE_CUES) == METRIC_NAMES  # every metric has its confidence cue phrases (vocab.py)


def test_confidence_json_holds_numbers_only_the_phrases_are_vocab() -> None:
    for key, value in confidence.DATA.items():
        if not key.startswith("_"):  # "_doc": prose
            values = value.values() if isinstance(value, dict) else [value]
            assert all(isinstance(x, int | float) for x in values), f"confidence.json {key}: phrases belong in vocab.py"
    assert set(vocab.CONFIDENCE_CUES_AFTER) <= METRIC_NAMES


def test_confusions_name_registered_metrics_and_read_both_ways() -> None:
    for c in registry.CONFUSIONS:
        assert {c.a, c.b} <= METRIC_NAMES and c.a != c.b and c.told_by
    admitted = registry.BY_NAME["admitted"].confused_with
    assert {"admitted_target", "candidates_trained", "members_total"} <= set(admitted)
    assert "admitted" in registry.BY_NAME["admitted_target"].confused_with
    assert "admission_rate_pct" in registry.BY_NAME["target_attainment_pct"].confused_with


def test_count_cues_are_the_metrics_cue_kinds() -> None:
    kinds = [kind for kind, _ in registry.COUNT_CUES]
    assert kinds == ["admit", "total", "remove", "train", "other"]


def test_each_count_cue_kind_states_one_count_metric_of_the_registry() -> None:
    assert registry.CUE_METRIC == {
        "admit": "admitted", "target": "admitted_target", "total": "members_total", "remove": "members_removed",
        "train": "candidates_trained",
    }
    assert all(registry.BY_NAME[m].unit == "count" for m in registry.CUE_METRIC.values())
    assert set(rules._BY_METRIC) < set(registry.CUE_METRIC.values())  # removals: a plain count, no rule of their own


def test_a_cue_kind_without_a_rule_of_its_own_is_a_plain_count_of_its_metric() -> None:
    sent = "Năm 2023, Đảng bộ huyện Tân Yên đã xóa tên 12 đảng viên."
    (cand,) = candidates.in_sentence(sent, find_numbers(sent), [(0, 8)])
    cls = rules.classify(Reading().site(cand, False, None, False))
    assert cls is not None and (cls.metric, cls.segment, cls.per_year, cls.value) == ("members_removed", "all", False, 12)


def test_a_new_cue_kind_is_registry_data_not_a_code_branch(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = "Năm 2023, Đảng bộ huyện Tân Yên trục xuất 7 đảng viên."
    (cand,) = candidates.in_sentence(sent, find_numbers(sent), [(0, 8)])
    assert rules.classify(Reading().site(cand, False, None, False)) is None
    monkeypatch.setattr(rules, "_CUES", (*registry.COUNT_CUES, ("expel", re.compile("trục xuất"))))  # what a registry entry derives
    monkeypatch.setitem(registry.CUE_METRIC, "expel", "members_removed")
    cls = rules.classify(Reading().site(cand, False, None, False))
    assert cls is not None and (cls.metric, cls.segment, cls.value) == ("members_removed", "all", 7)


def _count_of(sent: str) -> rules.Cls | None:
    (cand,) = candidates.in_sentence(sent, find_numbers(sent), [(0, 8)])
    return rules.classify(Reading().site(cand, False, None, False))


def test_after_number_cues_state_registered_cue_kinds_read_in_order() -> None:
    kinds = [cue.kind for cue in registry.AFTER_CUES]
    assert set(kinds) <= set(registry.CUE_METRIC) | {"other"}
    assert kinds.index("other") < kinds.index("admit")  # "chưa được kết nạp" is read before "được kết nạp"
    assert _count_of("Năm 2023, huyện Tân Yên có 45 quần chúng chưa được kết nạp.") is None
    for sent, metric in (
        ("Năm 2023, huyện Tân Yên có 45 quần chúng được kết nạp vào Đảng.", "admitted"),
        ("Năm 2023, huyện Tân Yên có 45 quần chúng dự lớp cảm tình Đảng.", "candidates_trained"),
    ):
        cls = _count_of(sent)
        assert cls is not None and (cls.metric, cls.value) == (metric, 45)


def test_a_new_after_number_cue_is_a_registry_entry_not_a_code_line(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = "Năm 2023, Đảng bộ huyện Tân Yên có 7 đảng viên bị trục xuất."
    assert _count_of(sent) is None
    expel = registry.AfterCue("remove", re.compile(r"^\s*bị trục xuất"))  # its pattern would be a vocab.py name
    monkeypatch.setattr(registry, "AFTER_CUES", (*registry.AFTER_CUES, expel))
    cls = _count_of(sent)
    assert cls is not None and (cls.metric, cls.segment, cls.value) == ("members_removed", "all", 7)


def test_table_columns_are_read_as_the_registry_metric_of_their_role() -> None:
    roles = [role for role, _ in vocab.TABLE_HEADER_ROLES]
    assert set(registry.TABLE_METRIC) == set(roles)
    assert registry.TABLE_METRIC["target"] == ("admitted_target", "count")
    assert registry.TABLE_METRIC["attainment"] == ("target_attainment_pct", "pct")


def test_development_figures_are_the_flows_and_ratings_but_removals() -> None:
    assert {
        "admitted", "admitted_target", "admitted_target_pct", "target_attainment_pct", "admission_rate_pct",
        "candidates_trained", "members_good_rating_pct",
    } == registry.DEVELOPMENT
    assert {m.name for m in registry.METRICS if m.kind == registry.FLOW} >= registry.DISCIPLINE


def test_a_removal_figure_does_not_outweigh_discipline_matter_a_development_figure_does() -> None:
    text = "Kiểm tra, giám sát và kỷ luật đảng viên vi phạm: khai trừ 3 đảng viên vi phạm, kỷ luật 5 đảng viên."
    assert not is_relevant(text, ["members_removed"])
    assert is_relevant(text, ["admitted"])


def test_candidates_skip_masked_periods_and_read_since_the_previous_number() -> None:
    sent = "Năm 2023, huyện A kết nạp 120 đảng viên; xã B 15, xã C 9."
    periods = find_periods(sent, attribute.Ctx(None, 2023))
    cands = candidates.in_sentence(sent, find_numbers(sent), [(p.start, p.end) for p in periods])
    assert [c.num.value for c in cands] == [120, 15, 9]
    first, second, third = cands
    assert first.clause_start == 0 and second.clause_start == sent.index(";") + 1
    assert second.local_start == second.clause_start  # a new clause starts the text it reads
    assert third.local_start == second.num.end and third.local == ", xã c "


def test_runs_of_numbers_joined_by_commas_are_groups() -> None:
    sent = "Hai huyện A và B kết nạp lần lượt 46 và 39 đảng viên, tổng 85."
    nums = find_numbers(sent)
    assert [[n.value for n in g] for g in candidates.groups(sent, nums)] == [[46, 39]]


def test_lines_route_table_headers_rows_and_prose() -> None:
    sents = ["STT | Đơn vị | Chỉ tiêu | Kết nạp", "1 | Xã Tân Lập | 10 | 12", "Huyện kết nạp 200 đảng viên."]
    header, row, prose = candidates.lines(sents)
    assert header.header and row.cells == ["1", "Xã Tân Lập", "10", "12"] and row.roles == header.roles
    assert prose.cells is None and not prose.header and not prose.counter


def test_classification_reads_a_candidate_without_attribution() -> None:
    sent = "Năm 2023, Đảng bộ huyện Tân Yên kết nạp 230 đảng viên."
    (cand,) = candidates.in_sentence(sent, find_numbers(sent), [(0, 8)])
    cls = rules.classify(Reading().site(cand, False, None, False))
    assert cls is not None and (cls.metric, cls.segment, cls.unit, cls.value) == ("admitted", "all", "count", 230)


def test_fraction_after_the_admission_verb_is_admitted_against_the_target() -> None:
    ((cand, reading),) = rules.fractions("Năm 2023, huyện kết nạp được 48/204 đảng viên.")
    assert (reading.admitted.value, reading.target.value, reading.unit_name) == (48, 204, None)
    assert cand.num.value == 48
