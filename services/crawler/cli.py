"""Subcommands of the crawler service."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this service's subcommands (filled in by the crawler work)."""
