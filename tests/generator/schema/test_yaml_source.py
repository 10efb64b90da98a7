"""The two YAML loaders agree: libyaml's events build exactly the round-trip tree, positions
included, and refuse what ruamel.yaml refuses, where it refuses it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.schema import yaml_source
from codegen.schema.yaml_source import SourceError, parse
from tests.conftest import MINIMAL, SCHEMAS, VENDORS

pytestmark = pytest.mark.skipif(yaml_source._CParser is None, reason="needs ruamel.yaml.clib")


@contextmanager
def pure_python() -> Iterator[None]:
    saved = yaml_source._CParser
    yaml_source._CParser = None
    try:
        yield
    finally:
        yaml_source._CParser = saved


def outcome(text: str) -> Any:
    try:
        return parse(text)
    except SourceError as exc:
        return (exc.pos, exc.message)


def assert_same(fast: Any, slow: Any, path: tuple[Any, ...] = ()) -> None:
    assert type(fast) is type(slow), path
    if isinstance(fast, CommentedMap):
        assert list(fast) == list(slow), path
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), path
        assert fast.lc.data == slow.lc.data, path
        for key in fast:
            assert_same(fast[key], slow[key], (*path, key))
    elif isinstance(fast, CommentedSeq):
        assert len(fast) == len(slow), path
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), path
        assert fast.lc.data == slow.lc.data, path
        for index, (a, b) in enumerate(zip(fast, slow, strict=False)):
            assert_same(a, b, (*path, index))
    else:
        assert fast == slow, path


def assert_loaders_agree(text: str) -> None:
    fast = outcome(text)
    with pure_python():
        slow = outcome(text)
    if isinstance(slow, tuple) or isinstance(fast, tuple):
        assert fast == slow
    else:
        assert_same(fast, slow)


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_catalogs_load_the_same_both_ways(vendor: str) -> None:
    text = (SCHEMAS / f"{vendor}.yaml").read_text(encoding="utf-8")
    assert yaml_source._FastLoader(text).load() is not None  # the fast path is taken
    assert_loaders_agree(text)


@pytest.mark.parametrize("depth", [62, 63, 64, 65, 400])
@pytest.mark.parametrize("opener, body", [("[", ""), ("[", "1"), ("{", "a: 1"), ("{", "")])
def test_both_loaders_refuse_deep_nesting_at_the_same_node(
    depth: int, opener: str, body: str
) -> None:
    closer = {"[": "]", "{": "}"}[opener]
    assert_loaders_agree("x: " + opener * depth + body + closer * depth + "\n")
    assert_loaders_agree("x: &a " + opener * depth + body + closer * depth + "\n")  # the slow path


EDITS = st.tuples(
    st.integers(0, len(MINIMAL)),
    st.integers(0, 6),
    st.one_of(
        st.text(
            st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029\ufeff\t"), max_size=6
        ),
        st.sampled_from(
            ["- ", ": ", "[", "]", "{", "}", "\n  ", "\n", "#", "'", '"', "1e3", "0x1F"]
        ),
        st.sampled_from(["yes", "~", "null", "2024-05-01", "12:30", "-.inf", "0o17", ",", "? "]),
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDITS, min_size=1, max_size=3))
def test_the_fast_loader_builds_exactly_the_round_trip_tree(
    edits: list[tuple[int, int, str]],
) -> None:
    text = MINIMAL
    for start, length, insert in edits:
        start = min(start, len(text))
        text = text[:start] + insert + text[start + length :]
    try:
        fast = yaml_source._FastLoader(text).load()
    except SourceError as exc:
        with pure_python():
            assert outcome(text) == (exc.pos, exc.message)
        return
    except Exception:
        return  # left to the round-trip loader: nothing to compare
    with pure_python():
        slow = outcome(text)
    if isinstance(slow, tuple):
        pytest.fail(f"the fast loader accepted what the round-trip loader refuses: {slow}")
    assert_same(fast, slow)
