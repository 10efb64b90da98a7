"""What the generated package makes of captured responses, and what needs a maintainer.

Each response is read by `catalog.from_response(vendor, body, status=, headers=)`, as a client
would. Three findings are flagged:

- **unknown codes**: a failure whose code the catalog does not know, grouped by code with the
  messages received (counted) and a draft entry to add (its name and kind are guesses, marked
  `review`, as `codegen import` marks them);
- **failures read from the status alone**: no envelope found a code (an HTML page, a proxy's
  answer, a shape no envelope declares), grouped by status;
- **successes with suspect keys**: a 2xx body read as success that carries a key such as
  `error`, `errors`, `code`, `statusCode` or `errcode` that no envelope of the vendor decides
  by: perhaps an envelope the catalog does not declare.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from codegen.importer.drafts import Namer, guess_kind
from codegen.replay.captures import Capture

# Keys that carry an error in some API's envelope. `success` and `ok` count only when false.
SUSPECT_KEYS = (
    "code",
    "errcode",
    "errCode",
    "error_code",
    "errorCode",
    "statusCode",
    "status_code",
    "error",
    "errors",
    "err",
    "errmsg",
    "errMsg",
    "error_msg",
    "errorMsg",
    "error_description",
    "fault",
    "exception",
    "success",
    "ok",
)
_FLAGS = ("success", "ok")


@dataclass
class Reading:
    """What the package made of one response."""

    capture: Capture
    error: Any  # the vendor's error, or None for a success
    suspect_keys: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        capture, error = self.capture, self.error
        reading: dict[str, Any] = {"line": capture.line, "status": capture.status}
        if error is None:
            reading["outcome"] = "success"
            if self.suspect_keys:
                reading["suspect_keys"] = list(self.suspect_keys)
            return reading
        reading |= {
            "outcome": "failure",
            "class": type(error).__qualname__,
            "kind": str(error.kind),
            "code": error.raw_code,
            "known": error.code is not None,
            "message": error.message,
            "http_status": error.http_status,
            "request_id": error.request_id,
        }
        return reading


@dataclass
class UnknownCode:
    code: int | str
    lines: list[int] = field(default_factory=list)
    messages: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)

    def draft(self, code_type: str, names: set[str], classes: set[str]) -> dict[str, Any]:
        """A catalog entry to review: the most frequent message received, guessed name and kind."""
        message = self.messages.most_common(1)[0][0] if self.messages else ""
        failing = [status for status in self.statuses if status >= 400]
        name = Namer(names, classes).take(message, self.code)
        return {
            "code": int(self.code) if code_type == "int" else str(self.code),
            "name": name,
            "message": message,
            "kind": guess_kind(message, failing[0] if failing else None),
            "review": ["name", "kind"],
        }


@dataclass
class Report:
    vendor: str
    path: str
    readings: list[Reading] = field(default_factory=list)
    unknown: dict[str, UnknownCode] = field(default_factory=dict)
    status_only: dict[int, list[int]] = field(default_factory=dict)
    suspects: dict[tuple[str, ...], list[int]] = field(default_factory=dict)

    @property
    def flagged(self) -> int:
        """How many responses need a maintainer."""
        return (
            sum(len(group.lines) for group in self.unknown.values())
            + sum(len(lines) for lines in self.status_only.values())
            + sum(len(lines) for lines in self.suspects.values())
        )


def replay(catalog: Any, vendor_id: str, path: str, captures: list[Capture]) -> Report:
    """Read every capture through the generated package `catalog` (imported, whatever its
    name)."""
    vendor = __import__(f"{catalog.__name__}.{vendor_id}", fromlist=["x"]).__catalog_vendor__
    decided_by = _deciding_keys(vendor)
    report = Report(vendor_id, path)
    for capture in captures:
        error = catalog.from_response(
            vendor_id, capture.body, status=capture.status, headers=capture.headers
        )
        reading = Reading(capture, error)
        report.readings.append(reading)
        if error is None:
            keys = _suspect_keys(capture.body, decided_by) if capture.status < 300 else ()
            if keys:
                reading.suspect_keys = keys
                report.suspects.setdefault(keys, []).append(capture.line)
        elif error.raw_code is None:
            report.status_only.setdefault(capture.status, []).append(capture.line)
        elif error.code is None:
            key = json.dumps(error.raw_code)  # 1010 and "1010" are told apart
            group = report.unknown.setdefault(key, UnknownCode(error.raw_code))
            group.lines.append(capture.line)
            group.statuses[capture.status] += 1
            received = error.args[0]
            if isinstance(received, str) and received.strip():
                group.messages[received] += 1
    return report


def _deciding_keys(vendor: Any) -> set[str]:
    """The top-level body keys the vendor's envelopes decide by (code, flag, error, status)."""
    keys: set[str] = set()
    for envelope in vendor.envelopes:
        for path in (envelope.code, envelope.success, envelope.error, envelope.status):
            if path:
                keys.add(path[0])
    return keys


def _suspect_keys(body: bytes, decided_by: set[str]) -> tuple[str, ...]:
    """The suspect keys of a JSON object body that no envelope decides by."""
    try:
        value = json.loads(body.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return ()
    if type(value) is not dict:
        return ()
    return tuple(
        key
        for key in SUSPECT_KEYS
        if key in value
        and key not in decided_by
        and (key not in _FLAGS or value[key] is False)
        and value[key] not in (None, "", [], {})
    )


# -- output ------------------------------------------------------------------------------------


def text(report: Report, code_type: str, names: set[str], classes: set[str]) -> str:
    """The report for a person: one line per response, then each finding, grouped."""
    out = [_line(report.path, reading) for reading in report.readings]
    if report.unknown:
        count = sum(len(group.lines) for group in report.unknown.values())
        out += [
            "",
            f"unknown codes: {len(report.unknown)} code(s) in {count} response(s); drafts for "
            f"schemas/{report.vendor}.yaml (review the name and kind, and cite where the code "
            "was seen in a note):",
        ]
        for group in _by_count(report.unknown.values()):
            draft = group.draft(code_type, names, classes)
            out.append(f"  - code: {json.dumps(draft['code'], ensure_ascii=False)}")
            out.append(f"    name: {draft['name']}")
            out.append(f"    message: {json.dumps(draft['message'], ensure_ascii=False)}")
            out.append(f"    kind: {draft['kind']}")
            out.append("    review: [name, kind]")
            seen = ", ".join(f"HTTP {status} x{n}" for status, n in sorted(group.statuses.items()))
            out.append(f"    # seen {len(group.lines)}x ({seen}), lines {_lines(group.lines)}")
            for message, n in group.messages.most_common():
                out.append(f"    #   {n}x {json.dumps(message, ensure_ascii=False)}")
    if report.status_only:
        count = sum(len(lines) for lines in report.status_only.values())
        out += ["", f"failures read from the status alone (no code found): {count} response(s)"]
        for status, lines in sorted(report.status_only.items()):
            out.append(f"  HTTP {status} x{len(lines)}: lines {_lines(lines)}")
    if report.suspects:
        count = sum(len(lines) for lines in report.suspects.values())
        out += [
            "",
            f"read as success, with keys no envelope decides by (an undeclared envelope?): "
            f"{count} response(s)",
        ]
        for keys, lines in sorted(report.suspects.items(), key=lambda item: -len(item[1])):
            out.append(f"  {', '.join(keys)} x{len(lines)}: lines {_lines(lines)}")
    out += ["", f"{report.flagged} of {len(report.readings)} response(s) flagged."]
    return "\n".join(out) + "\n"


def as_json(report: Report, code_type: str, names: set[str], classes: set[str]) -> str:
    """The report for a program: every reading and every finding."""
    document = {
        "vendor": report.vendor,
        "file": report.path,
        "responses": [reading.as_json() for reading in report.readings],
        "unknown_codes": [
            {
                "code": group.code,
                "count": len(group.lines),
                "lines": group.lines,
                "statuses": dict(sorted(group.statuses.items())),
                "messages": [{"message": m, "count": n} for m, n in group.messages.most_common()],
                "draft": group.draft(code_type, names, classes),
            }
            for group in _by_count(report.unknown.values())
        ],
        "status_only": [
            {"status": status, "count": len(lines), "lines": lines}
            for status, lines in sorted(report.status_only.items())
        ],
        "suspect_keys": [
            {"keys": list(keys), "count": len(lines), "lines": lines}
            for keys, lines in sorted(report.suspects.items(), key=lambda item: -len(item[1]))
        ],
        "flagged": report.flagged,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n"


def _by_count(groups: Any) -> list[UnknownCode]:
    return sorted(groups, key=lambda group: (-len(group.lines), str(group.code)))


def _lines(lines: list[int], shown: int = 10) -> str:
    text = ", ".join(map(str, lines[:shown]))
    return text + (f" and {len(lines) - shown} more" if len(lines) > shown else "")


def _line(path: str, reading: Reading) -> str:
    capture, error = reading.capture, reading.error
    where = f"{path}:{capture.line}: HTTP {capture.status}"
    if error is None:
        suspect = (
            f" (but carries {', '.join(reading.suspect_keys)})" if reading.suspect_keys else ""
        )
        return f"{where}: success{suspect}"
    if error.raw_code is None:
        what = "no code (read from the status)"
    elif error.code is None:
        what = f"unknown code {json.dumps(error.raw_code, ensure_ascii=False)}"
    else:
        what = f"code {json.dumps(error.raw_code, ensure_ascii=False)}"
    request_id = f", request id {error.request_id}" if error.request_id else ""
    message = " ".join(error.message.split())
    message = message if len(message) <= 120 else message[:117] + "..."
    return (
        f"{where}: {type(error).__qualname__}, {error.kind}, {what}{request_id}: "
        f"{json.dumps(message, ensure_ascii=False)}"
    )
