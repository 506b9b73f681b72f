"""Text hygiene: charset from BOM, headers and meta; NFC; legacy TCVN3/VNI pages recognised and reported.

No maintained TCVN3/VNI converter exists on PyPI (viparse is a young RAG document loader, not a
converter library), so legacy-font pages are reported with reason `legacy_encoding`, never emitted.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
LEGACY_FONT = re.compile(r"""font-family\s*[:=]\s*["']?\s*(\.Vn[A-Za-z]+|VNI[- ][A-Za-z]+)""", re.IGNORECASE)
TCVN3_MARKERS = re.compile(r"§¶ng|ViÖt|®¶ng|c¸n bé|§¹i|Héi|ChÝnh|tØnh|ng­êi|®­îc")
VNI_MARKERS = re.compile(r"Ñaûng|Vieät|Ñoäi|Chính phuû|tænh|ngöôøi|ñöôïc|ñaûng")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
"""Charsets whose every ASCII character carries NUL bytes: declared on a body without NULs, they are a lie."""


class LegacyEncoding(ValueError):
    """A page in a Vietnamese legacy font encoding (TCVN3/ABC or VNI) that we do not convert."""

    def __init__(self, family: str) -> None:
        super().__init__(f"page uses the legacy {family} font encoding; not converted")
        self.family = family


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_charset(body: bytes, content_type: str | None) -> tuple[str, bytes]:
    """(codec name, body without BOM): BOM first, then header, then meta/XML declaration, else utf-8."""
    for bom, name in BOMS:
        if body.startswith(bom):
            return name, body[len(bom) :]
    head = body[:4096]
    for candidate in (header_charset(content_type), *(m.group(1).decode() for m in (META_CHARSET.search(head),
                                                                                      XML_ENCODING.search(head)) if m)):
        known = _known(candidate)
        if known:
            return known, body
    return "utf-8", body


def check_legacy(text: str) -> None:
    """Raise LegacyEncoding when the text is TCVN3 or VNI rendered through a legacy font."""
    font = LEGACY_FONT.search(text[:200_000])
    if font:
        raise LegacyEncoding("VNI" if font.group(1).upper().startswith("VNI") else "TCVN3")
    if len(TCVN3_MARKERS.findall(text[:200_000])) >= 3:
        raise LegacyEncoding("TCVN3")
    if len(VNI_MARKERS.findall(text[:200_000])) >= 3:
        raise LegacyEncoding("VNI")


def _fallback(data: bytes, declared: str) -> tuple[str, str]:
    """The declared charset does not fit the bytes: valid UTF-8 wins, else windows-1258 (or declared, lossy)."""
    if declared != "utf-8":
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    charset = "cp1258" if declared == "utf-8" else declared
    return data.decode(charset, "replace"), charset


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode(data: bytes, charset: str, from_bom: bool) -> tuple[str, str]:
    """Decode with the declared charset unless the bytes contradict it: valid non-ASCII UTF-8 beats any other
    declared charset (a real latin-1/cp1258/UTF-16 Vietnamese page is never valid UTF-8), and a UTF-16/32
    declaration on bytes without NULs is ignored (valid UTF-8, else the windows-1258 fallback)."""
    if charset != "utf-8" and not from_bom:
        utf8 = _utf8(data)
        if utf8 is not None and not data.isascii():
            return utf8, "utf-8"
        if charset in WIDE and b"\x00" not in data[:4096]:
            return _fallback(data, "utf-8") if utf8 is None else (utf8, "utf-8")
    try:
        return data.decode(charset), charset
    except UnicodeDecodeError:
        return _fallback(data, charset)


def decode_text(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode a page to NFC text; returns (text, charset). Raises LegacyEncoding."""
    charset, data = sniff_charset(body, content_type)
    text, charset = _decode(data, charset, from_bom=len(data) != len(body))
    text = unicodedata.normalize("NFC", text)
    check_legacy(text)
    return text, charset
