"""Series identity matches the domain, and within an article every fact is exposed or counted as a conflict."""

from __future__ import annotations

import pytest

from services.extractor.build_events import extraction_event
from services.extractor.extract import extract
from services.extractor.orgid import org_identity
from services.shared.events import FactEvent, TextArticle
from services.sink.facts_api import query
from services.sink.state import SeriesEntries, apply_update, plan_extraction, resolve
from tests.support.accounting import account, summary
from tests.support.facts import extraction, fact


def ident(org: str | None, level: str, place: str | None = None, place_code: str | None = None,
          province: str | None = "Bắc Giang", province_code: str | None = "24", scope: str | None = "s") -> str:
    return org_identity(org=org, level=level, place=place, place_code=place_code, province=province,
                        province_code=province_code, scope=scope)


def test_three_agency_bodies_of_one_province_are_three_organisations_and_not_the_province() -> None:
    keys = {ident("Đảng bộ Công an tỉnh", "agency"), ident("Đảng bộ Quân sự tỉnh", "agency"),
            ident("Đảng bộ Bộ đội Biên phòng tỉnh", "agency"), ident("Đảng bộ tỉnh Bắc Giang", "province", "Bắc Giang", "24")}
    assert keys == {"agency:police:24", "agency:military:24", "agency:border_guard:24", "province:24"}


def test_blocs_and_named_schools_and_companies_are_bodies_of_their_own() -> None:
    keys = [ident("Đảng bộ Khối các cơ quan tỉnh", "agency"), ident("Đảng bộ Khối Doanh nghiệp tỉnh", "agency"),
            ident("Trường THPT Hiệp Hòa số 1", "agency"), ident("Trường THPT Lục Ngạn", "agency"),
            ident("Đảng bộ Công ty Điện lực Bắc Giang", "agency"), ident("Đảng bộ Sở Y tế", "agency")]
    assert len(set(keys)) == len(keys)
    assert keys[:2] == ["agency:agencies_bloc:24", "agency:enterprises_bloc:24"]


def test_one_body_written_three_ways_is_one_organisation() -> None:
    ways = [ident("Huyện ủy Hiệp Hòa", "district", "Hiệp Hòa", "223"),
            ident("Đảng bộ huyện Hiệp Hòa", "district", "Hiệp Hòa", "223"),
            ident("toàn huyện", "district", "Hiệp Hòa", "223")]
    assert set(ways) == {"district:223"}
    assert ident("Công an huyện Hiệp Hòa", "agency", "Hiệp Hòa", "223") == "agency:police:223"


def test_a_province_and_its_city_are_two_organisations() -> None:
    assert ident("Đảng bộ tỉnh Lào Cai", "province", "Lào Cai", "10", "Lào Cai", "10") != ident(
        "Đảng bộ thành phố Lào Cai", "district", "Lào Cai", "80", "Lào Cai", "10")


def test_unknown_places_of_different_sources_never_merge() -> None:
    assert ident("Toàn tỉnh", "province", None, None, None, None, "a") != ident("Toàn tỉnh", "province", None, None,
                                                                                None, None, "b")


NESTED = [  # "434 tổ chức cơ sở đảng (trong đó: 149 đảng bộ cơ sở … 285 chi bộ cơ sở)", as the extractor reads it
    dict(metric="grassroots_orgs", value=434, period_start=None, series_key="district:585|grassroots_orgs|all|count||"),
    dict(metric="grassroots_orgs", value=149, period_start=None, series_key="district:585|grassroots_orgs|all|count||"),
    dict(metric="party_cells", value=1251, period_start=None, series_key="district:585|party_cells|all|count||"),
    dict(metric="party_cells", value=285, period_start=None, series_key="district:585|party_cells|all|count||"),
]


def _state(events: list) -> list[tuple[str, SeriesEntries]]:
    series: dict[str, SeriesEntries] = {}
    for e in events:
        plan = plan_extraction(None, e)
        for u in plan.updates:
            series[u.series_key] = apply_update(series.get(u.series_key), u) or series[u.series_key]
    return list(series.items())


def test_nested_breakdown_keeps_the_total_and_counts_the_parts_as_conflicts() -> None:
    facts = [fact("a", event_id=f"e{i}", **kw) for i, kw in enumerate(NESTED)]
    kept = resolve(extraction("a", facts))
    assert {k: c["value"] for k, c in kept.items()} == {NESTED[0]["series_key"]: 434, NESTED[2]["series_key"]: 1251}
    assert [c["reason"] for k in kept for c in kept[k]["conflicts"]] == ["position", "position"]
    statuses = account(facts, {"facts": query(_state([extraction("a", facts)]), {"min_confidence": "0"})})
    assert statuses == {"e0": "exposed", "e1": "conflict:position", "e2": "exposed", "e3": "conflict:position"}


@pytest.mark.parametrize("loser,reason", [
    (dict(qualifier="about"), "qualifier"), (dict(value_max=160), "range"), (dict(org="toàn huyện"), "org_named"),
    (dict(confidence=0.6), "confidence"),
])
def test_the_most_specific_statement_wins_whatever_its_position(loser: dict, reason: str) -> None:
    first = fact("a", event_id="e0", value=150, series_key="k", **loser)
    second = fact("a", event_id="e1", value=155, series_key="k", confidence=0.9 if reason == "confidence" else None)
    (cand,) = resolve(extraction("a", [first, second])).values()
    assert cand["value"] == 155 and [c["reason"] for c in cand["conflicts"]] == [reason]


def test_same_figure_twice_in_an_article_is_not_a_conflict() -> None:
    facts = [fact("a", event_id="e0"), fact("a", event_id="e1", evidence="again")]
    (cand,) = resolve(extraction("a", facts)).values()
    assert "conflicts" not in cand


ARTICLE = (  # written for this test: a province, its city, a district written three ways, three agency bodies
    "Năm 2024, toàn tỉnh Bắc Giang kết nạp 2.510 đảng viên. Đảng bộ Công an tỉnh kết nạp 120 đảng viên, "
    "Đảng bộ Quân sự tỉnh kết nạp 45 đảng viên, Đảng bộ Bộ đội Biên phòng tỉnh kết nạp 31 đảng viên. "
    "Năm 2024, Đảng bộ thành phố Bắc Giang kết nạp 300 đảng viên. Năm 2024, Huyện ủy Hiệp Hòa kết nạp 625 đảng viên. "
    "Đảng bộ huyện Hiệp Hòa có 434 tổ chức cơ sở đảng (trong đó: 149 đảng bộ cơ sở, 285 chi bộ cơ sở). "
    "Năm 2024, toàn huyện kết nạp 625 đảng viên, trong đó đảng viên nữ chiếm 48,5%."
)


def test_every_fact_of_a_multi_organisation_article_is_exposed_or_counted() -> None:
    article = TextArticle(article_id="a1", source_id="s1", url="https://example.vn/a1", canonical_url="https://example.vn/a1",
                          fetched_at="2025-01-01T00:00:00Z", title=None, published="2025-01-05", published_from="meta",
                          author=None, language="vi", text=ARTICLE, text_method="test", content_hash="h",
                          parser_version="1", source_province="Bắc Giang")
    event = extraction_event(article, extract(ARTICLE, province_hint="Bắc Giang"), "1.0.0")
    facts: list[FactEvent] = list(event.facts)
    assert len(facts) >= 5
    body = {"facts": query(_state([event]), {"min_confidence": "0"})}
    statuses = account(facts, body)
    assert "lost" not in summary(statuses), statuses
    orgs = {v["series_key"].split("|")[0] for v in body["facts"]}
    assert len({o for o in orgs if o.startswith("agency:")}) >= 2, orgs
    for view in body["facts"]:  # a percent of an admission is a share, never a headcount
        assert (view["unit"] == "pct") == view["family"].endswith("_ratio"), view
        if view["metric"] == "admitted" and view["unit"] == "pct":
            assert view["family"] == "recruitment_admitted_share_ratio"
