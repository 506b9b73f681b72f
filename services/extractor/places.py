"""Places -> provinces (at the article's time and after the July 2025 merger), keyed by official codes.

Data: the offline gazetteer of the `vietnamadminunits` package (MIT): 63 legacy provinces with their
districts and wards, the 34 provinces of 2025 and the legacy -> 2025 province mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from services.extractor.text_norm import fold

MERGER = date(2025, 7, 1)
SHORTHANDS = {"tphcm", "tp hcm", "hcm", "sai gon"}
CENTRAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
ALIASES = {"thua thien hue": "hue", "tphcm": "ho chi minh", "tp hcm": "ho chi minh", "hcm": "ho chi minh", "sai gon": "ho chi minh"}


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of the legacy (63-province) map."""

    kind: str  # province | district | ward
    name: str
    code: str
    province_key: str
    district_key: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """Province fields of a resolved place."""

    province: str | None = None
    province_code: str | None = None
    province_current: str | None = None
    province_current_code: str | None = None
    place_code: str | None = None


def _load(name: str) -> Any:
    """A JSON data file of vietnamadminunits."""
    path = resources.files("vietnamadminunits").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Gazetteer:
    """Name index over the legacy units plus the 2025 province mapping."""

    provinces: dict[str, dict[str, str]]
    index: dict[str, tuple[Unit, ...]]
    current_of: dict[str, tuple[str, str]]  # legacy province key -> (2025 short name, 2025 code)
    new_provinces: dict[str, dict[str, str]]
    new_index: dict[str, tuple[Unit, ...]]  # the 34-province map: provinces and wards since July 2025


def _units(legacy: Any) -> list[Unit]:
    """Every province, district and ward of the legacy map."""
    out = [Unit("province", p["provinceShort"], p["provinceCode"], k) for k, p in legacy["DICT_PROVINCE"].items()]
    for pk, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        out += [Unit("district", d["districtShort"], d["districtCode"], pk, dk) for dk, d in districts.items()]
    for pk, districts in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for dk, wards in districts.items():
            out += [Unit("ward", w["wardShort"], w["wardCode"], pk, dk) for w in wards.values()]
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load the gazetteer once."""
    legacy, new, conv = _load("parser_legacy.json"), _load("parser_from_2025.json"), _load("converter_2025.json")
    index: dict[str, list[Unit]] = {}
    for unit in _units(legacy):
        if not isinstance(unit.name, str):
            continue
        index.setdefault(fold(unit.name), []).append(unit)
    current_of = {}
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        p = new["DICT_PROVINCE"][new_key]
        for old in old_keys:
            current_of[old] = (p["provinceShort"], p["provinceCode"])
    provinces = {
        k: {"name": p["provinceShort"], "code": p["provinceCode"]} for k, p in legacy["DICT_PROVINCE"].items()
    }
    new_provinces = {k: {"name": p["provinceShort"], "code": p["provinceCode"]} for k, p in new["DICT_PROVINCE"].items()}
    new_index: dict[str, list[Unit]] = {}
    for unit in _new_units(new):
        new_index.setdefault(fold(unit.name), []).append(unit)
    return Gazetteer(
        provinces, {k: tuple(v) for k, v in index.items()}, current_of, new_provinces,
        {k: tuple(v) for k, v in new_index.items()},
    )


def _new_units(new: Any) -> list[Unit]:
    """Provinces and wards of the 2025 (34-province) map."""
    out = [Unit("province", p["provinceShort"], p["provinceCode"], k) for k, p in new["DICT_PROVINCE"].items()]
    for pk, wards in new["DICT_PROVINCE_WARD_NO_ACCENTED"].items():
        out += [Unit("ward", w["wardShort"], w["wardCode"], pk) for w in wards.values() if isinstance(w["wardShort"], str)]
    return out


_KINDS = {
    "province": ("province",),
    "district": ("district", "province"),
    "commune": ("ward",),
    "cell": ("ward", "district", "province"),
    "agency": ("province", "district", "ward"),
    "other": ("province", "district", "ward"),
}


def candidates(place: str, level: str | None) -> list[Unit]:
    """Units named `place` of the kinds a level allows, in preference order."""
    key = fold(place)
    key = ALIASES.get(key, key)
    units = gazetteer().index.get(key, ())
    kinds = _KINDS.get(level or "other", _KINDS["other"])
    return sorted((u for u in units if u.kind in kinds), key=lambda u: kinds.index(u.kind))


def canonical(name: str) -> str:
    """The gazetteer spelling of an alias ("TPHCM" -> "Hồ Chí Minh"), else the name."""
    key = ALIASES.get(fold(name))
    if key and fold(name) in SHORTHANDS:
        return next(u.name for u in gazetteer().index[key] if u.kind == "province")
    return name


def is_known(place: str) -> bool:
    """Whether a name is a unit of the gazetteer."""
    key = fold(place)
    return ALIASES.get(key, key) in gazetteer().index


def province_names() -> set[str]:
    """Folded short names of the 63 legacy provinces."""
    return {fold(p["name"]) for p in gazetteer().provinces.values()}


def _score(unit: Unit, context: set[str], hint: str | None) -> int:
    """How well a candidate fits the article: its province or district named in the text or hinted."""
    g = gazetteer()
    prov = fold(g.provinces[unit.province_key]["name"])
    score = 4 if hint and ALIASES.get(fold(hint), fold(hint)) == prov else 0
    score += 2 if prov in context else 0
    if unit.district_key:
        dname = next((u.name for u in g.index.get(_dist_fold(unit), ()) if u.kind == "district"), "")
        score += 1 if fold(dname) in context else 0
    return score


@lru_cache(maxsize=4096)
def _dist_fold(unit: Unit) -> str:
    """Folded short name of a ward's district (from its key, e.g. 'huyenhiephoa')."""
    key = unit.district_key or ""
    for prefix in ("thanhpho", "thixa", "huyen", "quan"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    g = gazetteer()
    for name in g.index:
        if name.replace(" ", "") == key:
            return name
    return key


def _pick(units: list[Unit], context: set[str], hint: str | None) -> Unit | None:
    """The best candidate, or None when the name stays ambiguous across provinces."""
    if not units:
        return None
    first_kind = [u for u in units if u.kind == units[0].kind]
    scored = sorted(first_kind, key=lambda u: -_score(u, context, hint))
    best = scored[0]
    ties = [u for u in scored if _score(u, context, hint) == _score(best, context, hint)]
    if len({u.province_key for u in ties}) > 1:
        return None
    return best


def _resolve_new(place: str, level: str | None, context: set[str], hint: str | None) -> PlaceInfo | None:
    """A place of an article published after the July 2025 merger, on the 34-province map."""
    g = gazetteer()
    kinds = [k for k in _KINDS.get(level or "other", _KINDS["other"]) if k != "district"]
    key = fold(place)
    units = [u for u in g.new_index.get(ALIASES.get(key, key), ()) if u.kind in kinds]
    known = context | ({_new_name(fold(hint))} if hint else set())
    fits = [u for u in units if fold(g.new_provinces[u.province_key]["name"]) in known]
    best = fits or ([] if hint else units)
    if not best or len({u.province_key for u in best}) > 1:
        return None
    prov = g.new_provinces[best[0].province_key]
    return PlaceInfo(prov["name"], prov["code"], prov["name"], prov["code"], f"{best[0].kind}2025:{best[0].code}")


def _new_name(folded: str) -> str:
    """The folded 2025 province name of a (legacy or current) province name."""
    g = gazetteer()
    for unit in g.index.get(ALIASES.get(folded, folded), ()):
        if unit.kind == "province" and unit.province_key in g.current_of:
            return fold(g.current_of[unit.province_key][0])
    return folded


def resolve(
    place: str | None, level: str | None, context: set[str], hint: str | None = None, published: date | None = None
) -> PlaceInfo:
    """Province (at the article's time and now) and unit code of a place, disambiguated by context and hint."""
    after_merger = bool(published and published >= MERGER)
    new_context = {_new_name(c) for c in context} - {fold(place or "")}
    if place and after_merger:
        found = _resolve_new(place, level, new_context, hint)
        if found:
            return found
    info = _resolve_legacy(place, level, context, hint) if place else _hint_only(hint)
    if place and after_merger and not info.place_code and hint:
        info = _resolve_new(place, level, new_context, None) or info
    if after_merger:
        cur, code = info.province_current, info.province_current_code
        return PlaceInfo(cur, code, cur, code, info.place_code)
    return info


def _resolve_legacy(place: str, level: str | None, context: set[str], hint: str | None) -> PlaceInfo:
    """A place on the legacy (63-province) map with its 2025 province."""
    unit = _pick(candidates(place, level), context - {fold(place)}, hint)
    if unit is None:
        return _hint_only(hint) if hint else PlaceInfo()
    g = gazetteer()
    prov = g.provinces[unit.province_key]
    cur = g.current_of.get(unit.province_key, (None, None))
    return PlaceInfo(prov["name"], prov["code"], cur[0], cur[1], f"{unit.kind}:{unit.code}")


def _hint_only(hint: str | None) -> PlaceInfo:
    """Province fields from the source's province alone."""
    if not hint:
        return PlaceInfo()
    units = candidates(hint, "province")
    if not units:
        return PlaceInfo()
    g = gazetteer()
    prov = g.provinces[units[0].province_key]
    cur = g.current_of.get(units[0].province_key, (None, None))
    return PlaceInfo(prov["name"], prov["code"], cur[0], cur[1], None)
