"""`recruitwatch facts`: the sink's current facts at the command line, as a table, CSV or JSON.

Reads the sink's `/facts` (same filters) and renders it here: an aligned table whose widths are terminal
display widths (tabulate with wcwidth, so Vietnamese text stays intact and aligned), the CSV of
/facts.csv (services/sink/facts_csv.py), or the JSON list of facts.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from tabulate import tabulate

from services.sink.facts_csv import cell
from services.sink.facts_csv import render as render_csv

FILTERS = ("province", "place", "metric", "segment", "period")
TABLE_COLUMNS = ("province", "organisation", "metric", "segment", "period", "value", "published")
QUALIFIER_SIGNS = {"exact": "", "over": "> ", "nearly": "< ~", "about": "~"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class SinkError(Exception):
    """The sink could not be asked, or refused the question; the message says why."""


def value_text(fact: Mapping[str, Any]) -> str:
    """A fact's value as a person reads it: qualifier sign, range, percent sign."""
    low, high = cell(fact.get("value")), cell(fact.get("value_max"))
    text = f"{low}–{high}" if high else low
    sign = QUALIFIER_SIGNS.get(str(fact.get("qualifier") or "exact"), f"{fact.get('qualifier')} ")
    unit = " %" if fact.get("unit") == "pct" else ""
    per_year = " per year" if fact.get("per_year") else ""
    return f"{sign}{text}{unit}{per_year}"


def period_text(fact: Mapping[str, Any]) -> str:
    """The period as start–end, `since start` when open-ended, the end alone for a point in time."""
    start, end = fact.get("period_start"), fact.get("period_end")
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    return f"since {start}" if start else str(end or "")


def table_rows(facts: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """One row per fact for the table format."""
    rows = []
    for fact in facts:
        province = fact.get("province") or ""
        current = fact.get("province_current") or ""
        if current and current != province:
            province = f"{province} → {current}" if province else current
        source = fact.get("source") or {}
        rows.append([province, str(fact.get("org") or fact.get("place") or ""), str(fact.get("metric") or ""),
                     str(fact.get("segment") or ""), period_text(fact), value_text(fact),
                     str(source.get("published") or "")])
    return rows


def render_table(facts: list[Mapping[str, Any]]) -> str:
    """An aligned plain-text table, widths measured as the terminal shows them."""
    return tabulate(table_rows(facts), headers=TABLE_COLUMNS, tablefmt="simple", disable_numparse=True,
                    colalign=("left",) * 5 + ("right", "left"))


def render(facts: list[Mapping[str, Any]], fmt: str) -> str:
    """The facts in one of the formats table, csv or json."""
    if fmt == "csv":
        return render_csv(facts)
    if fmt == "json":
        return orjson.dumps(facts, option=orjson.OPT_INDENT_2).decode() + "\n"
    return render_table(facts) + "\n" if facts else "(no facts match)\n"


def facts_url(base: str, filters: Mapping[str, str | None]) -> str:
    """The /facts URL on the sink at `base` with the given filters."""
    query = urllib.parse.urlencode({k: v for k, v in filters.items() if v})
    return f"{base.rstrip('/')}/facts" + (f"?{query}" if query else "")


def fetch(url: str, timeout: float = 10.0) -> dict[str, Any]:
    """The /facts body (also when the sink answers 503 while not ready); SinkError otherwise."""
    host = urllib.parse.urlsplit(url).hostname or ""
    handlers = [urllib.request.ProxyHandler({})] if host in LOOPBACK_HOSTS else []
    try:
        with urllib.request.build_opener(*handlers).open(url, timeout=timeout) as resp:
            body = resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        if exc.code != 503:
            raise SinkError(f"{url}: HTTP {exc.code}: {body.decode('utf-8', 'replace').strip()[:300]}") from None
    except (OSError, ValueError) as exc:
        raise SinkError(f"cannot reach the sink at {url}: {getattr(exc, 'reason', exc)} "
                        "(is `recruitwatch up` running? pass --url)") from None
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise SinkError(f"{url}: the answer is not the facts JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise SinkError(f"{url}: the answer is not the facts JSON")
    return data


def default_url() -> str:
    """The local sink, on the port RECRUITWATCH_SINK_PORT names."""
    from services.sink.settings import SinkSettings

    return f"http://127.0.0.1:{SinkSettings().port}"


def run(args: argparse.Namespace) -> int:
    """Print the sink's facts; 2 when it cannot be asked, 1 when it is not ready (facts may be incomplete)."""
    url = facts_url(args.url or default_url(), {name: getattr(args, name) for name in FILTERS})
    try:
        data = fetch(url)
    except SinkError as exc:
        print(f"recruitwatch facts: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render(data["facts"], args.format))
    if not data.get("ready", False):
        print("recruitwatch facts: the sink is not ready (still reading its state or rebalancing): "
              "the list may be incomplete", file=sys.stderr)
        return 1
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `facts`."""
    facts = sub.add_parser("facts", help="print the sink's current facts as a table, CSV or JSON",
                           description="Print the current facts of a sink worker (its /facts), filtered.")
    facts.add_argument("--province", help="historical or current province, name or code")
    facts.add_argument("--place", help="place of the organisation (e.g. 'Hiệp Hòa')")
    facts.add_argument("--metric", help="e.g. admitted, admitted_target, members_total")
    facts.add_argument("--segment", help="all, female, youth_union, ethnic_minority, ...")
    facts.add_argument("--period", help="YYYY or YYYY-MM: facts whose period overlaps it")
    facts.add_argument("--format", choices=("table", "csv", "json"), default="table")
    facts.add_argument("--url", help="base URL of the sink (default: http://127.0.0.1:RECRUITWATCH_SINK_PORT)")
    facts.set_defaults(func=run)
