"""Reading Markdown docs in tests: headings, their GitHub anchors and the sections under them."""

from __future__ import annotations

import re

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.M)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every heading anchor of a Markdown text (outside code blocks)."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return {slug(m.group(2)) for m in HEADING.finditer(text)}


def sections(markdown: str, level: int) -> dict[str, str]:
    """Heading text → body of every heading of exactly `level` (up to the next heading of that level or above)."""
    text = re.sub(r"```.*?```", lambda m: m.group(0).replace("#", "\\#"), markdown, flags=re.S)
    out: dict[str, str] = {}
    matches = [m for m in HEADING.finditer(text) if len(m.group(1)) <= level]
    for i, m in enumerate(matches):
        if len(m.group(1)) == level:
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            out[m.group(2)] = text[m.end():end]
    return out
