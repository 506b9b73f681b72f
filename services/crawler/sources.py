"""The sources registry (seeds/sources.yaml): model, loading and validation with clear errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,63}$")
KINDS = ("rss", "sitemap", "listing")


class SourceError(ValueError):
    """The sources file is invalid: each problem names the file, the source id and the field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {value!r}")
    return value


class Entry(BaseModel):
    """How to find articles: a feed, a sitemap or an HTML listing page with a link pattern."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["rss", "sitemap", "listing"]
    url: str
    link_pattern: str | None = None

    _url = field_validator("url")(_http_url)

    @model_validator(mode="after")
    def _pattern(self) -> Entry:
        if self.kind == "listing" and not self.link_pattern:
            raise ValueError("a listing entry needs link_pattern (a regular expression for article URLs)")
        if self.link_pattern:
            try:
                re.compile(self.link_pattern)
            except re.error as exc:
                raise ValueError(f"link_pattern is not a valid regular expression: {exc}") from exc
        return self


class Backfill(BaseModel):
    """How to walk a source's archive: sitemap indexes and/or numbered listing pages (`recruitwatch backfill`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sitemaps: tuple[str, ...] = ()  # sitemap indexes or sitemaps, walked down to their monthly or paged children
    listing: str | None = None  # a listing URL with {n} for the page number: ?page={n}, /trang-{n}.html, &p={n}
    link_pattern: str | None = None  # regex for article URLs on listing pages
    first_page: int = Field(1, ge=0)
    since: date | None = None  # default cutoff: articles published before it are not fetched or published
    max_pages: int = Field(1000, ge=1)  # sitemap and listing pages fetched per run at most

    @field_validator("sitemaps")
    @classmethod
    def _urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_http_url(v) for v in value)

    @model_validator(mode="after")
    def _complete(self) -> Backfill:
        if not self.sitemaps and not self.listing:
            raise ValueError("a backfill needs sitemaps or a listing pattern")
        if self.listing is not None:
            if "{n}" not in self.listing:
                raise ValueError("listing must contain {n} where the page number goes")
            _http_url(self.listing.replace("{n}", "1"))
            if not self.link_pattern:
                raise ValueError("a backfill listing needs link_pattern (a regular expression for article URLs)")
            try:
                re.compile(self.link_pattern)
            except re.error as exc:
                raise ValueError(f"link_pattern is not a valid regular expression: {exc}") from exc
        return self

    def page_url(self, n: int) -> str:
        """The listing page number `n`."""
        assert self.listing is not None
        return self.listing.replace("{n}", str(n))


class Source(BaseModel):
    """One watched site."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    province: str
    home: str
    kind: Literal["party_committee", "party_newspaper", "government_portal", "national", "district_portal"]
    entries: tuple[Entry, ...] = Field(min_length=1)
    min_interval: float | None = Field(None, gt=0)
    max_interval: float | None = Field(None, gt=0)
    verify_tls: bool = True
    allow_loopback: bool = False
    headers: dict[str, str] = Field(default_factory=dict)
    notes: str | None = None
    enabled: bool = True
    backfill: Backfill | None = None

    _home = field_validator("home")(_http_url)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_RE.match(value):
            raise ValueError("id must be 2-64 chars of a-z, 0-9, '_', '.', '-'")
        return value

    @model_validator(mode="after")
    def _bounds(self) -> Source:
        if self.min_interval and self.max_interval and self.min_interval > self.max_interval:
            raise ValueError("min_interval is larger than max_interval")
        return self


@dataclass(frozen=True)
class Registry:
    """The validated sources of one file."""

    path: str
    sources: tuple[Source, ...]

    def by_id(self) -> dict[str, Source]:
        """Sources keyed by id."""
        return {s.id: s for s in self.sources}


def _describe(path: str, sid: str, err: Any) -> str:
    field = ".".join(str(p) for p in err["loc"]) or "(source)"
    return f"{path}: source {sid!r}: field {field}: {err['msg']}"


def _validate_one(path: str, index: int, raw: Any) -> tuple[Source | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{path}: sources[{index}]: field (source): expected a mapping, got {type(raw).__name__}"]
    sid = str(raw.get("id", f"#{index}"))
    try:
        return Source.model_validate(raw), []
    except ValidationError as exc:
        return None, [_describe(path, sid, e) for e in exc.errors()]


def parse_registry(text: str, path: str = "<string>") -> Registry:
    """Validate registry YAML text; raise SourceError listing every problem."""
    registry, problems = parse_registry_lenient(text, path)
    if problems:
        raise SourceError(problems)
    return registry


def parse_registry_lenient(text: str, path: str = "<string>") -> tuple[Registry, list[str]]:
    """The valid sources of a registry and the problems of the others (the service keeps running)."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return Registry(path, ()), [f"{path}: not valid YAML: {exc}"]
    items = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not items:
        return Registry(path, ()), [f"{path}: field sources: expected a non-empty list of sources"]
    problems: list[str] = []
    sources: list[Source] = []
    seen: set[str] = set()
    for index, raw in enumerate(items):
        source, errs = _validate_one(path, index, raw)
        problems += errs
        if source is None:
            continue
        if source.id in seen:
            problems.append(f"{path}: source {source.id!r}: field id: duplicate id")
            continue
        seen.add(source.id)
        sources.append(source)
    return Registry(path, tuple(sources)), problems


def load_registry(path: str | Path) -> Registry:
    """Read and validate a sources file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError([f"{p}: cannot read: {exc.strerror}"]) from exc
    return parse_registry(text, str(p))


def load_registry_lenient(path: str | Path) -> tuple[Registry, list[str]]:
    """Like load_registry, but returns the valid sources and the problems instead of raising."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        return Registry(str(p), ()), [f"{p}: cannot read: {exc.strerror}"]
    return parse_registry_lenient(text, str(p))
