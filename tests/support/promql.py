"""Every PromQL expression of the Grafana dashboards and alert rules, and a real Prometheus to evaluate them.

Reusable by the end-to-end test: start `PrometheusServer` with the services' targets, wait for scrapes,
then `query(url, expr)` each of `dashboard_expressions(path)` and `rule_expressions(path)`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from services.shared.broker import free_port

REPO = Path(__file__).resolve().parents[2]
DASHBOARDS = REPO / "deploy" / "grafana" / "dashboards"
RULES = REPO / "deploy" / "prometheus" / "rules"
PROMETHEUS = shutil.which("prometheus") or "/usr/bin/prometheus"

GRAFANA_VARIABLES = {
    "$__rate_interval": "1m",
    "$__interval": "15s",
    "$__range": "1h",
    "${province}": ".*",
    "$province": ".*",
}


@dataclass(frozen=True)
class Expression:
    """One PromQL expression and where it comes from."""

    source: str
    name: str
    expr: str

    def needs(self) -> set[str]:
        """The recruitwatch metric families (name prefixes) the expression reads."""
        return set(re.findall(r"\b(recruitwatch_[a-z_]+|recruitment_[a-z_]+|up)\b", self.expr))


def substitute(expr: str, variables: dict[str, str] | None = None) -> str:
    """Replace Grafana variables with values Prometheus accepts (All for the province variable)."""
    for name, value in (variables or GRAFANA_VARIABLES).items():
        expr = expr.replace(name, value)
    return expr


def _variable_expr(query: Any) -> str | None:
    text = query.get("query") if isinstance(query, dict) else query
    if not isinstance(text, str) or not text:
        return None
    m = re.fullmatch(r"\s*query_result\((.*)\)\s*", text, re.S)
    if m:
        return m.group(1)
    m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\)\s*", text, re.S)
    return m.group(1) if m else None


def dashboard_expressions(path: Path) -> list[Expression]:
    """Every panel target's and query variable's expression of a dashboard JSON, variables substituted."""
    data = json.loads(Path(path).read_text())
    out = []
    for var in data.get("templating", {}).get("list", []):
        if var.get("type") == "query" and (expr := _variable_expr(var.get("query"))):
            out.append(Expression(Path(path).name, f"variable {var['name']}", substitute(expr)))
    panels = list(data.get("panels", []))
    while panels:
        panel = panels.pop(0)
        panels.extend(panel.get("panels", []))
        for target in panel.get("targets", []):
            if target.get("expr"):
                out.append(Expression(Path(path).name, f"{panel['title']} [{target['refId']}]",
                                      substitute(target["expr"])))
    return out


def rule_expressions(path: Path) -> list[Expression]:
    """Every alerting and recording rule's expression of a rules file (or of every *.yml in a directory)."""
    files = sorted(Path(path).glob("*.yml")) if Path(path).is_dir() else [Path(path)]
    out = []
    for file in files:
        for group in yaml.safe_load(file.read_text())["groups"]:
            for rule in group["rules"]:
                out.append(Expression(file.name, rule.get("alert") or rule["record"], rule["expr"].strip()))
    return out


def _get(url: str, timeout: float = 10) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read())


def query(url: str, expr: str, timeout: float = 10) -> list[dict[str, Any]]:
    """Instant query through the HTTP API; the result list (ValueError when Prometheus rejects it)."""
    body = _get(f"{url}/api/v1/query?" + urllib.parse.urlencode({"query": expr}), timeout)
    if body.get("status") != "success":
        raise ValueError(f"{expr}: {body}")
    result = body["data"]["result"]
    return result if isinstance(result, list) else [{"value": result}]


def unanswered(url: str, expressions: list[Expression]) -> list[str]:
    """The expressions (described) that return no data; an empty list means every one answered."""
    return [f"{e.source}: {e.name}: {e.expr}" for e in expressions if not query(url, e.expr)]


def alerts(url: str) -> dict[str, set[str]]:
    """Alert name → states (pending/firing) of the active alerts."""
    out: dict[str, set[str]] = {}
    for alert in _get(f"{url}/api/v1/alerts")["data"]["alerts"]:
        out.setdefault(alert["labels"]["alertname"], set()).add(alert["state"])
    return out


@dataclass
class PrometheusServer:
    """A real Prometheus on a free port scraping `targets` (job → host:port list) every second."""

    targets: dict[str, list[str]]
    rule_files: list[Path] = field(default_factory=lambda: sorted(RULES.glob("*.yml")))
    port: int = field(default_factory=free_port)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="prometheus-test-")))
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL of the HTTP API."""
        return f"http://127.0.0.1:{self.port}"

    def config(self) -> dict[str, Any]:
        """The generated configuration: the real rules, 1 s scrapes and evaluations."""
        return {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(p) for p in self.rule_files],
            "scrape_configs": [{"job_name": job, "static_configs": [{"targets": hosts}]}
                               for job, hosts in self.targets.items()],
        }

    def start(self, timeout: float = 30) -> PrometheusServer:
        """Write the config, start Prometheus and wait until it is ready."""
        cfg = self.workdir / "prometheus.yml"
        cfg.write_text(yaml.safe_dump(self.config()))
        log = (self.workdir / "prometheus.log").open("ab")
        self.proc = subprocess.Popen(
            [PROMETHEUS, f"--config.file={cfg}", f"--storage.tsdb.path={self.workdir / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        raise RuntimeError(f"prometheus did not start: {(self.workdir / 'prometheus.log').read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop Prometheus (SIGTERM, then SIGKILL)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> PrometheusServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
