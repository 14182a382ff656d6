"""The README and docs/ are checked against the code: the named queries, files, commands, options
and make targets they tell a reader to use exist (a renamed query or a dropped flag fails here, not
on a reader)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

import pytest

from stancewatch import cli, stress
from stancewatch.config import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}
TOP = ("bench", "components", "docs", "queries", "stancewatch", "tests", "views")
GROUPS = sorted(p.name for p in (ROOT / "queries").iterdir() if p.is_dir())


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices) if actions else {}


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_named_query_it_mentions_exists(doc: str) -> None:
    named = set(re.findall(rf"`((?:{'|'.join(GROUPS)})/[a-z0-9_]+)`", DOCS[doc]))
    assert len(named) >= 10 or doc != "README.md"  # the pattern still finds them
    missing = [n for n in sorted(named) if not (ROOT / "queries" / f"{n}.sql").is_file()]
    assert not missing, f"{doc} names queries that do not exist: {missing}"


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_file_it_names_exists(doc: str) -> None:
    named = set(re.findall(rf"`((?:{'|'.join(TOP)})/[\w./-]+\.(?:py|sql|md|csv|png))`", DOCS[doc]))
    named |= set(re.findall(r"\]\(((?:\.\./)?[\w./-]+\.(?:md|png))(?:#[\w-]+)?\)", DOCS[doc]))
    base = (ROOT / doc).parent
    missing = [n for n in sorted(named) if not (base / n).is_file() and not (ROOT / n).is_file()]
    assert not missing, f"{doc} names files that do not exist: {missing}"


def test_the_docs_link_each_other() -> None:
    assert "docs/benchmarks.md" in README
    assert "../README.md#benchmarks" in DOCS["docs/benchmarks.md"]


@pytest.mark.parametrize(
    ("module", "make_parser"),
    [("stancewatch", cli._parser), ("stancewatch.stress", stress._parser)],
)
def test_every_command_line_it_shows_parses(
    module: str, make_parser: Callable[[], argparse.ArgumentParser]
) -> None:
    """Each `python -m MODULE COMMAND ... --option` line: the command exists and takes each
    option it shows (placeholders such as FILE.csv and [--json] are read as the README means)."""
    parser = make_parser()
    commands = _commands(parser)
    lines = re.findall(rf"python -m {re.escape(module)} ([^\n`]*)", README)
    assert lines
    for line in lines:
        line = line.split("#")[0]
        words = line.split()
        if words[:1] == ["--db"]:
            words = words[2:]
        command = words[0]
        assert command in commands, f"README shows `{module} {command}`: no such command"
        known = set(commands[command]._option_string_actions) | set(parser._option_string_actions)
        for option in re.findall(r"--[a-z][a-z-]*", line):
            assert option in known, f"README shows `{module} {command} {option}`: not an option"


def test_every_make_target_it_names_exists() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M))
    named = set(re.findall(r"`make ([a-z][a-z-]*)", README)) | set(
        re.findall(r"^make ([a-z][a-z-]*)", README, re.M)
    )
    assert {"run", "test", "bench"} <= named
    assert named <= targets, f"README names make targets that do not exist: {named - targets}"
