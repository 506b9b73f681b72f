"""The private data files of vietnamadminunits that services/extractor/places.py reads: pinned exactly.

The package documents its parser API, not the JSON files under its data/ folder; the gazetteer reads their
structure directly. A new release may change them without notice, so the version is pinned with `==` and
this test fails, saying what changed, before a changed gazetteer can put wrong places on facts.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata, resources
from pathlib import Path
from typing import Any

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"
PINNED = "1.0.4"
SHA256 = {
    "parser_legacy.json": "ce24b836c937b967a6a71ac922c5d3bdbbec776bcfb8892bf6b4ab1813da5d9c",
    "parser_from_2025.json": "4666b999b369b19e0a0c84fa864e8447f271b70586bc05d41a72b6ea0e71903a",
    "converter_2025.json": "84f0848bf401b047775cbb49768c181a9271f77e4a4ec706d293b09bcb4faddd",
}
HOW = ("services/extractor/places.py reads this private file of vietnamadminunits. Check that its keys and "
       "fields still mean the same, run the place tests (tests/unit/extractor/test_places.py, test_org_places.py) "
       "and `make eval`, then update the pin in pyproject.toml and PINNED/SHA256 in this test.")


def data(name: str) -> bytes:
    return resources.files("vietnamadminunits").joinpath("data", name).read_bytes()


def test_the_dependency_is_pinned_exactly_and_installed_at_that_version() -> None:
    pins = re.findall(r'"vietnamadminunits([^"]*)"', PYPROJECT.read_text())
    assert pins == [f"=={PINNED}"], f"pyproject.toml must pin vietnamadminunits=={PINNED} exactly, not {pins}"
    installed = metadata.version("vietnamadminunits")
    assert installed == PINNED, f"vietnamadminunits {installed} is installed, the pin is {PINNED}: {HOW}"


def test_the_data_files_the_gazetteer_reads_are_unchanged() -> None:
    for name, expected in SHA256.items():
        digest = hashlib.sha256(data(name)).hexdigest()
        assert digest == expected, f"vietnamadminunits data/{name} changed (sha256 {digest}, pinned {expected}). {HOW}"


def test_the_shape_the_gazetteer_relies_on() -> None:
    """What places.py reads, with the counts of the 2024 and the July 2025 administrative map."""
    legacy: Any = json.loads(data("parser_legacy.json"))
    new: Any = json.loads(data("parser_from_2025.json"))
    conv: Any = json.loads(data("converter_2025.json"))
    province_fields = {"provinceShort", "provinceCode"}
    assert len(legacy["DICT_PROVINCE"]) == 63 and len(new["DICT_PROVINCE"]) == 34, HOW
    assert all(province_fields <= set(p) for p in [*legacy["DICT_PROVINCE"].values(), *new["DICT_PROVINCE"].values()]), HOW
    districts = [d for ds in legacy["DICT_PROVINCE_DISTRICT"].values() for d in ds.values()]
    assert len(districts) == 696 and all({"districtShort", "districtCode"} <= set(d) for d in districts), HOW
    wards = [w for ds in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].values() for ws in ds.values() for w in ws.values()]
    assert len(wards) == 9996 and all({"wardShort", "wardCode"} <= set(w) for w in wards), HOW
    assert sum(len(ws) for ws in new["DICT_PROVINCE_WARD_NO_ACCENTED"].values()) == 3305, HOW
    assert set(conv["DICT_PROVINCE"]) == set(new["DICT_PROVINCE"]), HOW
    merged = [old for olds in conv["DICT_PROVINCE"].values() for old in olds]
    assert sorted(merged) == sorted(legacy["DICT_PROVINCE"]), f"every legacy province maps to one current province. {HOW}"
