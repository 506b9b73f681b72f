"""The `recruitwatch` command: each service registers its own subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from services.crawler import cli as crawler_cli
from services.extractor import cli as extractor_cli
from services.history import cli as history_cli
from services.shared import cli as shared_cli
from services.sink import cli as sink_cli


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used by the compose test to check service commands)."""
    parser = argparse.ArgumentParser(
        prog="recruitwatch",
        description="Watch Vietnamese Party news sites and turn party-member recruitment reports into data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    shared_cli.register(sub)
    crawler_cli.register(sub)
    extractor_cli.register(sub)
    sink_cli.register(sub)
    history_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    code = args.func(args)
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
