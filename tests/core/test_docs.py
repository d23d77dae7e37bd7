"""Every command of the command line is documented (sqlite-utils' tests/test_docs.py habit)."""

import argparse
from pathlib import Path

from hmip_desktop.cli import build_parser

DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


def _commands(parser: argparse.ArgumentParser, prefix: str = "hmip"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _commands(sub, f"{prefix} {name}")
                else:
                    yield f"{prefix} {name}"


def test_every_command_has_a_heading_in_docs_cli():
    text = DOCS.read_text(encoding="utf-8")
    headings = [line[3:].strip("` ") for line in text.splitlines() if line.startswith("## ")]
    commands = sorted(_commands(build_parser()))
    assert commands, "the parser walk found no commands"
    undocumented = [c for c in commands if not any(h == c or h.startswith(c + " ") for h in headings)]
    assert undocumented == []
