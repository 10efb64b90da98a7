"""The quick reading of a plain `check` or `generate` command line: what it accepts, argparse
reads the same way; everything else is left to argparse."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.cli import parser, quick_arguments
from tests.conftest import run_codegen

OPTIONS = ["--schemas", "--out", "--package", "--docs"]
# Words that look like values, options, or near misses of either.
WORDS = st.one_of(
    st.sampled_from(
        [
            *OPTIONS,
            "--full",
            "--full=1",
            "--out=",
            "--pack",
            "--ou=x",
            "-h",
            "--help",
            "--",
            "-",
            "-1",
            "--strict",
            "check",
            "generate",
            "lint",
            "x=y",
            "",
            " -x",
            "dir",
            "acme_errors",
        ]
    ),
    st.builds(lambda option, value: f"{option}={value}", st.sampled_from(OPTIONS), st.text()),
    st.text(max_size=8),
)
# Command lines: words, and options each followed by any value.
ARGUMENTS = st.lists(
    st.one_of(WORDS.map(lambda word: [word]), st.tuples(st.sampled_from(OPTIONS), st.text()))
).map(lambda groups: [word for group in groups for word in group])


def argparse_reading(argv: list[str]) -> dict[str, object] | None:
    """The namespace argparse makes of `argv` (as a dict), or None if it refuses it."""
    try:
        return vars(parser().parse_args(argv))
    except SystemExit:
        return None


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["generate"],
        ["check", "--full"],
        ["generate", "--out", "/tmp/out", "--full"],
        ["check", "--package", "acme_errors", "--schemas=defs", "--out=src", "--docs", "d"],
        ["generate", "--out", "a", "--out", "b"],
        ["check", "--out=a=b"],
    ],
)
def test_the_common_command_lines_are_read_quickly_as_argparse_reads_them(argv: list[str]) -> None:
    quick = quick_arguments(argv)
    assert quick is not None
    assert vars(quick) == argparse_reading(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["lint"],
        ["--out", "x", "check"],  # an option before the command
        ["check", "-h"],
        ["check", "--help"],
        ["check", "--pack", "x"],  # argparse's abbreviations
        ["check", "--out"],
        ["check", "--out", "-x"],
        ["check", "--out="],
        ["check", "--full=yes"],
        ["check", "extra"],
        ["check", "--", "x"],
        ["generate", "--strict"],
    ],
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert quick_arguments(argv) is None


@settings(max_examples=300, deadline=None)
@given(command=st.sampled_from(["check", "generate", "lint", "--full"]), words=ARGUMENTS)
def test_what_the_quick_reading_accepts_argparse_reads_the_same(
    command: str, words: list[str]
) -> None:
    argv = [command, *words]
    quick = quick_arguments(argv)
    if quick is not None:
        assert vars(quick) == argparse_reading(argv)


def test_help_and_usage_errors_are_still_argparses() -> None:
    helped = run_codegen("check", "--help")
    assert helped.status == 0 and "--full" in helped.stdout
    unknown = run_codegen("check", "--fast")
    assert unknown.status == 2
    assert "unrecognized arguments: --fast" in unknown.stderr
    missing = run_codegen("generate", "--out")
    assert missing.status == 2 and "expected one argument" in missing.stderr
