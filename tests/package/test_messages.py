"""Message templates: `.params`, `.format(...)` and `.message_for(locale)`.

IAM's page uses `%(key)s`, `%s`, `%d`, `{}` and `[input length]`; `{key}` is covered by a
schema of our own. Expected texts are built here with plain string replacement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog import IamCode, MtAuthCode
from tests.conftest import MINIMAL, run_codegen, run_python


def iam_member(pattern: str) -> IamCode:
    """The first IAM member whose message matches `pattern` (a regex)."""
    for member in IamCode:
        if re.search(pattern, member.message):
            return member
    raise AssertionError(f"no IAM message matches {pattern!r}")


def test_named_percent_placeholder() -> None:
    member = iam_member(r"%\(key\)s")
    assert "key" in member.params
    values = {name: f"<{name}>" for name in member.params}
    expected = member.message
    for name, value in values.items():
        expected = expected.replace(f"%({name})s", value)
    assert member.format(**values) == expected
    assert "%(" not in member.format(**values)


def test_several_named_placeholders() -> None:
    member = iam_member(r"%\(key\)s.*%\(value\)s")
    assert member.params[:2] == ("key", "value")
    assert member.format(key="name", value="bob") == member.message.replace(
        "%(key)s", "name"
    ).replace("%(value)s", "bob")


def test_positional_percent_s() -> None:
    member = iam_member(r"%s")
    count = member.message.count("%s")
    args = [f"arg{i}" for i in range(count)]
    expected = member.message
    for arg in args:
        expected = expected.replace("%s", arg, 1)
    assert member.format(*args) == expected
    assert member.params == tuple(str(i) for i in range(count))


def test_percent_d_takes_a_number() -> None:
    member = iam_member(r"%d")
    numbers = list(range(7, 7 + member.message.count("%d")))
    expected = member.message
    for number in numbers:
        expected = expected.replace("%d", str(number), 1)
    assert member.format(*numbers) == expected
    with pytest.raises(TypeError):
        member.format(*["not a number"] * len(numbers))


def test_empty_braces() -> None:
    member = iam_member(r"\{\}")
    count = member.message.count("{}")
    assert member.params == tuple(str(i) for i in range(count))
    assert member.format(*["X"] * count) == member.message.replace("{}", "X")


def test_input_brackets() -> None:
    member = iam_member(r"\[input length\]")
    assert "length" in member.params
    text = member.format(**{name: "70" for name in member.params})
    assert text == re.sub(r"\[input length\]", "70", member.message)


def test_bracket_names_are_snake_case() -> None:
    params = {name for member in IamCode for name in member.params}
    assert {"length", "id_length", "resource_uri"} <= params
    assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in params), params


def test_missing_argument_names_the_placeholder() -> None:
    member = iam_member(r"%\(key\)s")
    with pytest.raises(
        TypeError, match=r"missing the keyword argument 'key' for the placeholder '%\(key\)s'"
    ):
        member.format()
    positional = iam_member(r"%s")
    with pytest.raises(TypeError, match=r"missing positional argument 0 for the placeholder '%s'"):
        positional.format()


def test_messages_without_placeholders() -> None:
    plain = [member for member in IamCode if not member.params]
    assert plain
    for member in plain:
        assert member.format() == member.message


def test_message_for_falls_back_to_the_message() -> None:
    member = next(iter(MtAuthCode))
    english = member.message_for("en")
    assert english != member.message and english.isascii()
    assert member.message_for("en-US") == english
    assert member.message_for("zh-CN") == member.message
    assert member.message_for("zh") == member.message
    assert member.message_for("fr") == member.message
    iam = next(iter(IamCode))
    assert iam.message_for("en") == iam.message and iam.message_for("de") == iam.message


def test_every_mtauth_entry_has_an_english_translation() -> None:
    for member in MtAuthCode:
        assert member.message_for("en") != member.message or member.message.isascii(), member


def test_format_forms_in_a_schema_of_our_own(
    write_schema: Callable[..., Path], tmp_path: Path
) -> None:
    text = MINIMAL.replace(
        '"token is expired"', '"user {user} has {} tokens; 100%% of %(quota)s [input size]"'
    )
    schemas = write_schema(text)
    out = tmp_path / "out"
    assert run_codegen("generate", "--schemas", schemas, "--out", out).status == 0
    probe = run_python(
        """
        import json
        from catalog.acme import AcmeCode
        member = AcmeCode.TOKEN_EXPIRED
        print(json.dumps([member.params, member.format(3, user="ann", quota="q", size=9)]))
        """,
        out,
    )
    assert probe.status == 0, probe.stderr
    assert json.loads(probe.stdout) == [
        ["user", "0", "quota", "size"],
        "user ann has 3 tokens; 100% of q 9",
    ]


# -- the messages of errors --------------------------------------------------------------------


def test_an_error_fills_its_message_from_details_when_all_placeholders_can_be() -> None:
    from catalog import IamError

    member = iam_member(r"^Request parameter %\(key\)s is invalid")
    error = IamError.from_code(member.code, key="user_id")
    assert error.message == member.format(key="user_id") and "%(" not in str(error)
    assert str(error) == f"[{member.code}] {member.format(key='user_id')}"
    several = iam_member(r"%\(key\)s.*%\(value\)s")
    partly = IamError.from_code(several.code, key="name")  # value missing: the template
    assert partly.message == several.message
    positional = iam_member(r"%s")
    args = {str(i): f"arg{i}" for i in range(positional.message.count("%s"))}
    assert IamError.from_code(positional.code, **args).message == positional.format(*args.values())
    numbers = iam_member(r"%d")
    words = {str(i): "not a number" for i in range(numbers.message.count("%d"))}
    assert IamError.from_code(numbers.code, **words).message == numbers.message  # as written


def test_a_received_message_wins_unless_it_is_blank() -> None:
    from catalog import IamError

    member = iam_member(r"^Request parameter %\(key\)s is invalid")
    assert IamError.from_code(member.code, "as sent", key="k").message == "as sent"
    for blank in ("", "   ", "\t\n"):
        error = IamError.from_code(member.code, blank, key="k")
        assert error.message == member.format(key="k") and not str(error).endswith("] ")


def test_an_errors_translated_message_and_problem() -> None:
    from catalog import MtAuthError

    member = next(m for m in MtAuthCode if m.message_for("en") != m.message)
    error = MtAuthError.from_code(member.code)
    assert error.message == member.message  # the vendor's language by default
    assert error.message_for("en") == member.message_for("en")
    assert error.message_for("zh-CN") == member.message
    problem = error.to_problem(locale="en")
    assert problem["title"] == member.message_for("en") == problem["detail"]
    assert error.to_problem()["title"] == member.message
    received = MtAuthError.from_code(member.code, "value not match")
    assert received.to_problem(locale="en")["detail"] == "value not match"
    assert received.to_problem(locale="en")["title"] == member.message_for("en")
