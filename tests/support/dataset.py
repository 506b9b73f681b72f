"""A deterministic stream of extractor output with re-extractions, late old versions, duplicates and poison,
and an independent reference of the current facts it implies."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from packaging.version import Version

from services.shared.events import ExtractionEvent, FactEvent
from tests.support.facts import extraction, fact

ORGS = [f"Đảng bộ huyện {name}" for name in ("Hiệp Hòa", "Yên Dũng", "Lục Ngạn", "Tân Yên", "Việt Yên", "Sơn Động")]
METRICS = [("admitted", "all"), ("admitted", "female"), ("admitted", "youth_union"), ("admitted_target", "all"),
           ("target_attainment_pct", "all"), ("members_total", "all"), ("party_cells", "all")]
YEARS = ["2022", "2023", "2024"]


@dataclass
class Dataset:
    """Events in publication order (FactEvents then the ExtractionEvent of each article), plus poison."""

    events: list[FactEvent | ExtractionEvent] = field(default_factory=list)
    poison: list[bytes] = field(default_factory=list)

    @property
    def extractions(self) -> list[ExtractionEvent]:
        return [e for e in self.events if isinstance(e, ExtractionEvent)]


def _facts(rng: random.Random, article_id: str, published: str, fetched: str, version: str) -> list[FactEvent]:
    out = []
    for _ in range(rng.randint(1, 4)):
        metric, segment = rng.choice(METRICS)
        year = rng.choice(YEARS)
        stock = metric in ("members_total", "party_cells")
        out.append(fact(article_id, metric, float(rng.randint(5, 3000)) if "pct" not in metric else rng.randint(50, 130) / 1.0,
                        org=rng.choice(ORGS), segment=segment, period_start=None if stock else year,
                        period_end=year, published=published, fetched_at=fetched, version=version))
    return out


def _emit(ds: Dataset, facts: list[FactEvent], article_id: str, published: str, fetched: str, version: str) -> None:
    ds.events.extend(facts)
    ds.events.append(extraction(article_id, facts, published=published, fetched_at=fetched, version=version))


def generate(n_articles: int = 120, seed: int = 7) -> Dataset:
    """Articles over shared series; ~30% re-extracted by 1.1.0, some old 0.9.0 ones late, some redelivered."""
    rng = random.Random(seed)
    ds = Dataset()
    later: list[tuple[str, str, str, str]] = []
    for i in range(n_articles):
        aid = f"art{i:04d}"
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        fetched = f"2025-01-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
        facts = _facts(rng, aid, published, fetched, "1.0.0")
        _emit(ds, facts, aid, published, fetched, "1.0.0")
        if rng.random() < 0.2:  # redelivery after a crash upstream
            _emit(ds, facts, aid, published, fetched, "1.0.0")
        if rng.random() < 0.3:
            later.append((aid, published, fetched, "1.1.0"))
        if rng.random() < 0.15:
            later.append((aid, published, fetched, "0.9.0"))
        if i % 40 == 0:
            ds.poison.append(b'{"schema": "recruitment.extraction/v1", "article_id": "broken"')
    rng.shuffle(later)
    for aid, published, fetched, version in later:
        kept = _facts(rng, aid, published, fetched, version)[: rng.randint(0, 2)]
        _emit(ds, kept, aid, published, fetched, version)
    return ds


def _token(e: ExtractionEvent) -> tuple[Version, str]:
    return Version(e.extractor_version), e.fetched_at


def expected_current(events: list[FactEvent | ExtractionEvent]) -> dict[str, tuple[float, str, str]]:
    """series_key → (value, article_id, extractor_version) of the current fact, computed independently."""
    accepted: dict[str, ExtractionEvent] = {}
    for e in events:
        if isinstance(e, ExtractionEvent) and (e.article_id not in accepted or _token(e) > _token(accepted[e.article_id])):
            accepted[e.article_id] = e
    best: dict[str, FactEvent] = {}
    for e in accepted.values():
        seen: set[str] = set()
        for f in e.facts:
            if f.series_key in seen:
                continue
            seen.add(f.series_key)
            cur = best.get(f.series_key)
            if cur is None or _rank(f) > _rank(cur):
                best[f.series_key] = f
    return {k: (f.value, f.article_id, f.extractor_version) for k, f in best.items()}


def _rank(f: FactEvent) -> tuple[bool, str, str, str]:
    return f.article_published is not None, f.article_published or "", f.fetched_at, f.article_id


def observed(facts_body: dict[str, Any]) -> dict[str, tuple[float, str, str]]:
    """The same shape from a /facts body."""
    return {v["series_key"]: (v["value"], v["source"]["article_id"], v["source"]["extractor_version"])
            for v in facts_body["facts"]}
