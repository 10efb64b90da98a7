"""Message formatting: the placeholders vendors write in their messages, filling them, a message
in another language, and what counts as a message received.

Loaded on first use (`member.params`, `member.format(...)`, `message_for`, an error's message
filled from its details, reading a response, `to_problem`), so that importing a vendor costs no
regex work.
Stdlib only and free of the package's other modules: the generator loads this file on its own
to read placeholders exactly as the package does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Placeholders the vendors write in their messages: %(key)s, %s, %d, {}, {key} and
# "[input length]".
_PLACEHOLDER = re.compile(
    r"%%"
    r"|%\((?P<pct_name>[A-Za-z_][A-Za-z0-9_]*)\)(?P<pct_named_conv>[sdifr])"
    r"|%(?P<pct_conv>[sdifr])"
    r"|\{(?P<brace_name>[A-Za-z_][A-Za-z0-9_]*)?\}"
    r"|\[(?:input )?(?P<bracket>[A-Za-z][A-Za-z ]*?) ?\]"
)


def param_name(match: re.Match[str], position: int) -> str | None:
    """The name `.format()` takes for a placeholder; positional ones are named "0", "1", ..."""
    if match.group(0) == "%%":
        return None
    for group in ("pct_name", "brace_name"):
        if match.group(group):
            return match.group(group)
    bracket = match.group("bracket")
    if bracket:
        words = "".join(
            (
                f"_{char.lower()}"
                if char.isupper() and index and bracket[index - 1].islower()
                else char
            )
            for index, char in enumerate(bracket)
        )
        return "_".join(words.lower().split())
    return str(position)


def params(message: str) -> tuple[str, ...]:
    """The placeholder names of `message`, in order (positional ones as "0", "1", ...)."""
    names: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        name = param_name(match, position)
        if name is None:
            continue
        if name == str(position):
            position += 1
        if name not in names:
            names.append(name)
    return tuple(names)


def render(message: str, args: tuple[object, ...], kwargs: Mapping[str, object], who: str) -> str:
    """`message` with its placeholders filled; TypeError naming a missing one."""
    parts: list[str] = []
    end = 0
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        parts.append(message[end : match.start()])
        end = match.end()
        name = param_name(match, position)
        if name is None:
            parts.append("%")
            continue
        if name == str(position):
            if position >= len(args):
                raise TypeError(
                    f"{who}.format() is missing positional argument {position} "
                    f"for the placeholder {match.group(0)!r} in {message!r}"
                )
            value = args[position]
            position += 1
        elif name in kwargs:
            value = kwargs[name]
        else:
            raise TypeError(
                f"{who}.format() is missing the keyword argument {name!r} "
                f"for the placeholder {match.group(0)!r} in {message!r}"
            )
        conversion = match.group("pct_conv") or match.group("pct_named_conv")
        parts.append(f"%{conversion}" % (value,) if conversion else str(value))
    parts.append(message[end:])
    return "".join(parts)


def fill(template: str, details: Mapping[str, Any]) -> str:
    """`template` with its placeholders filled from `details` when all of them can be."""
    try:
        names = params(template)
        if not names or not all(name in details for name in names):
            return template
        positional = tuple(details[name] for name in names if name.isdigit())
        return render(template, positional, details, "message")
    except Exception:  # a value that does not convert (%d of a word): the template as written
        return template


def received(value: Any) -> str | None:
    """A message as received: a non-blank string, or the non-blank strings of a list as lines."""
    if type(value) is str:
        text: str = value
        return text if text.strip() else None
    if type(value) in (list, tuple):
        lines = [item for item in value if type(item) is str and item.strip()]
        return "\n".join(lines) if lines else None
    return None


def in_locale(locale: str, own: str, message: str, translations: Mapping[str, str]) -> str:
    """`message` (written in the locale `own`) in `locale`, from its `translations` by BCP 47
    tag: an exact tag wins over a language-only match ("en-US" finds "en"); else `message`."""
    wanted = locale.replace("_", "-").lower()
    if wanted == own.lower():
        return message
    for tag, text in translations.items():
        if tag.lower() == wanted:
            return text
    language = wanted.split("-")[0]
    for tag, text in translations.items():
        if tag.lower().split("-")[0] == language:
            return text
    return message
