"""Every error kind and skip reason the crawler can emit, derived from its code, is declared, documented and on /metrics."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from prometheus_client import generate_latest

from services.crawler.metrics import ERROR_KINDS, NON_HTML_TYPES, SKIP_REASONS, CrawlerMetrics, status_kind

ROOT = Path(__file__).resolve().parents[3]
CODE = sorted((ROOT / "services" / "crawler").glob("*.py"))
ERROR_TYPES = {"FetchError", "ParseError", "BodyError"}
DOCS = {name: (ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("hostile.md", "metrics.md")}


def _constants(module: ast.Module) -> dict[str, str]:
    """Module-level NAME = "string" assignments."""
    out: dict[str, str] = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            out.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)})
    return out


def _strings(node: ast.expr, names: dict[str, str]) -> set[str]:
    """The string values an argument expression can take: literals, both arms of `a if c else b`, constants."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, names) | _strings(node.orelse, names)
    if isinstance(node, ast.Name) and node.id in names:
        return {names[node.id]}
    return set()


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def emitted() -> tuple[set[str], set[str]]:
    """(error kinds, skip reasons) found in services/crawler: exception kinds, _error/_skip/label arguments."""
    kinds: set[str] = set()
    reasons: set[str] = set()
    for path in CODE:
        module = ast.parse(path.read_text(encoding="utf-8"))
        names = _constants(module)
        for node in ast.walk(module):
            if isinstance(node, ast.Call) and node.args:
                name = _call_name(node)
                if name in ERROR_TYPES:
                    kinds |= _strings(node.args[0], names)
                elif name == "getattr" and len(node.args) == 3 and _strings(node.args[1], names) == {"kind"}:
                    kinds |= _strings(node.args[2], names)  # the kind of an exception that has none
                elif name == "_error" and len(node.args) >= 3:
                    kinds |= _strings(node.args[2], names)
                elif name == "_skip" and len(node.args) >= 3:
                    reasons |= _strings(node.args[2], names)
                elif name == "labels" and len(node.args) == 2 and isinstance(node.func, ast.Attribute):
                    owner = ast.unparse(node.func.value)
                    if owner.endswith("errors"):
                        kinds |= _strings(node.args[1], names)
                    elif owner.endswith("skipped"):
                        reasons |= _strings(node.args[1], names)
            if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith(("res.skipped", "res.errors")):
                target = reasons if ast.unparse(node.value).endswith("skipped") else kinds
                target |= _strings(node.slice, names)
    kinds |= {status_kind(s) for s in range(100, 1000)}
    reasons |= {f"non_html:{t}" for t in NON_HTML_TYPES} | {"non_html:other"}
    return kinds, reasons


def test_the_code_emits_exactly_the_declared_error_kinds_and_skip_reasons() -> None:
    kinds, reasons = emitted()
    assert {"blocked_address", "malformed_feed", "bug", "http_4xx", "http_other"} <= kinds  # the scan sees the code
    assert kinds == set(ERROR_KINDS), (kinds - set(ERROR_KINDS), set(ERROR_KINDS) - kinds)
    assert reasons == set(SKIP_REASONS), (reasons - set(SKIP_REASONS), set(SKIP_REASONS) - reasons)


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_kind_and_reason_is_documented(doc: str) -> None:
    text = DOCS[doc]
    missing = [k for k in (*ERROR_KINDS, *SKIP_REASONS) if not k.startswith("non_html:") and f"`{k}`" not in text]
    assert missing == [] and "`non_html:<type>`" in text and "`non_html:other`" in text


def test_every_kind_and_reason_is_a_label_value_on_metrics_once_a_source_is_watched() -> None:
    metrics = CrawlerMetrics()
    metrics.watching("src", None)
    page = generate_latest(metrics.health.registry).decode()
    for kind in ERROR_KINDS:
        assert f'recruitwatch_crawler_errors_total{{kind="{kind}",source="src"}} 0.0' in page
    for reason in SKIP_REASONS:
        assert f'recruitwatch_crawler_skipped_total{{reason="{reason}",source="src"}} 0.0' in page
