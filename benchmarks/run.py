"""`make bench`: every figure, as a ratio against a floor measured in the same run.

Usage: .venv/bin/python benchmarks/run.py [--quick] [--only 1,3,8] [--pythons [3.12,3.13]]

Each figure is measured side by side with its floor, the two alternating so that drift of the
machine (frequency scaling, a noisy neighbour) hits both alike. A figure is the median of the
per-pair ratios, printed with its spread (the middle half and the extremes of those ratios).

The clock of figures 1-5 and 8 is CPU time (`--clock cpu`, the default): on a shared machine a
process waiting for a CPU accrues wall time but not CPU time, so CPU time varies far less from
run to run; `--clock wall` measures elapsed time instead.

- Import figures (1, 2, 8) run in fresh interpreters (`python -I`), with warm .pyc, `enum` and
  `typing` imported and the garbage collector disabled before the clock starts; the clock is
  read inside the child around the import statement.
- `from_code` (3) and `from_response` (4) are timed in this process with `timeit`.
- Command figures (5-8) time a whole child process, interpreter start-up included (5 and 8:
  the child's CPU time as the kernel accounts it, its formatting workers' included; 6 and 7:
  wall time, as the generator formats in parallel). Figure 8 asks whether the work grows
  linearly: on two CPUs the wall time of a large vendor is bounded by its largest module,
  which one process formats alone, so wall time would measure the split, not the work.

The run-time figures (1-4) need only the standard library and generated/: `--pythons` runs
them again under each other supported CPython found here (pyenv's, or python3.X on PATH).

Nothing in the repository is written: the generated package is imported from, and generated
into, temporary copies. Only the standard library is used here (black is imported by a child
process for the floor of figures 6 and 7).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SCHEMAS = ROOT / "schemas"
GENERATED = ROOT / "generated"
SYNTHETIC_SIZES = (500, 1000, 5000)
LINEAR_TOLERANCE = 1.5  # per-code cost at the largest size within this factor of the smallest
GOAL_PYTHON = "3.11"  # figure 2's goal is set on this version; the others report it
ON_GOAL_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}" == GOAL_PYTHON
FIGURES = ("1", "2", "3", "4", "5a", "5b", "6", "7", "8")
RUNTIME_FIGURES = ("1", "2", "3", "4")  # the standard library and generated/ only


# --------------------------------------------------------------------------------------------
# How many repetitions: the full run stays under ~3 minutes on a 2-core machine.


@dataclass(frozen=True)
class Reps:
    import_pairs: int  # figures 1 and 2
    timeit_repeats: int  # figures 3 and 4
    startup_pairs: int  # figure 5
    render_pairs: int  # figures 6 and 7
    synthetic_runs: int  # figure 8, per size and measure (5,000 codes: 1; imports: IMPORT_RUNS)


FULL = Reps(import_pairs=40, timeit_repeats=9, startup_pairs=20, render_pairs=3, synthetic_runs=2)
QUICK = Reps(import_pairs=12, timeit_repeats=5, startup_pairs=8, render_pairs=2, synthetic_runs=1)


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Figure:
    """One line of the report: a measurement, its floor and its goal."""

    number: str  # "1" ... "8"; "5a" and "5b" are the two commands of figure 5
    title: str
    floor_title: str
    measured_runs: list[float]  # seconds, paired with floor_runs (same index, same moment)
    floor_runs: list[float]
    goal: float  # ratio (measured/floor), or overhead ((measured - floor)/floor) if `overhead`
    overhead: bool = False
    goal_applies: bool = True  # False: the figure is reported, not judged (another Python)
    notes: list[str] = field(default_factory=list)

    @property
    def measured(self) -> float:
        return median(self.measured_runs)

    @property
    def floor(self) -> float:
        return median(self.floor_runs)

    @property
    def runs(self) -> int:
        return len(self.measured_runs)

    @property
    def ratios(self) -> list[float]:
        return sorted(m / f for m, f in zip(self.measured_runs, self.floor_runs, strict=True))

    @property
    def ratio(self) -> float:
        """The median of the per-pair ratios: a pair ran back to back, so load that comes and
        goes on the machine cancels out within it."""
        return median(self.ratios)

    def spread_text(self) -> str:
        """The middle half and the extremes of the paired ratios (as scores)."""
        shift = 1.0 if self.overhead else 0.0
        ratios = [r - shift for r in self.ratios]
        if len(ratios) >= 4:
            low, _, high = statistics.quantiles(ratios, n=4)
        else:
            low, high = ratios[0], ratios[-1]
        text = (lambda v: f"{v:+.0%}") if self.overhead else (lambda v: f"{v:.2f}x")
        return f"middle half {text(low)}-{text(high)}, all {text(ratios[0])}-{text(ratios[-1])}"

    @property
    def score(self) -> float:
        return self.ratio - 1 if self.overhead else self.ratio

    @property
    def met(self) -> bool:
        return self.score <= self.goal or not self.goal_applies

    def verdict(self) -> str:
        if not self.goal_applies:
            return "reported"
        return "meets goal" if self.met else "MISSES GOAL"

    def score_text(self) -> str:
        return f"{self.score:+.0%}" if self.overhead else f"{self.ratio:.2f}x"

    def goal_text(self) -> str:
        goal = f"overhead <= {self.goal:.0%}" if self.overhead else f"<= {self.goal:g}x"
        return goal if self.goal_applies else f"({goal} on {GOAL_PYTHON})"


def duration(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits readable."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def print_figure(figure: Figure) -> None:
    print(f"\n[{figure.number}] {figure.title}")
    print(f"    measured  {duration(figure.measured):>10}   median of {figure.runs} runs")
    print(f"    floor     {duration(figure.floor):>10}   {figure.floor_title}")
    print(
        f"    result    {figure.score_text():>10}   median of the paired ratios; goal {figure.goal_text()}: {figure.verdict()}"
    )
    print(f"    spread    {'':>10}   {figure.spread_text()}")
    for note in figure.notes:
        print(f"    note: {note}")
    sys.stdout.flush()


# --------------------------------------------------------------------------------------------
# Running children


def _child_env() -> dict[str, str]:
    """The user's environment, but with .pyc writing on so that every side runs warm."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class ChildFailed(RuntimeError):
    pass


def run(
    command: Sequence[str | Path], *, cwd: Path = ROOT, expect: int = 0
) -> subprocess.CompletedProcess[str]:
    """Run a child to completion; a wrong exit status is a broken benchmark, not a figure."""
    proc = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=_child_env(), capture_output=True, text=True
    )
    if proc.returncode != expect:
        raise ChildFailed(
            f"`{' '.join(map(str, command))}` exited {proc.returncode} (expected {expect}):\n"
            f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        )
    return proc


def wall(command: Sequence[str | Path], *, cwd: Path = ROOT, expect: int = 0) -> float:
    """The wall time of a child process, in seconds."""
    start = time.perf_counter()
    run(command, cwd=cwd, expect=expect)
    return time.perf_counter() - start


def child_time(command: Sequence[str | Path]) -> float:
    """The time of a child process by the chosen clock (CPU: user + system), in seconds."""
    if CLOCK.name == "wall":
        return wall(command)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


@dataclass(frozen=True)
class Clock:
    name: str  # "cpu" or "wall"
    in_child: str  # a function of `time` giving nanoseconds, read inside a child
    timer: Callable[[], float]  # timeit's timer


CLOCKS = {
    "cpu": Clock("cpu", "process_time_ns", time.process_time),
    "wall": Clock("wall", "perf_counter_ns", time.perf_counter),
}
CLOCK = CLOCKS["cpu"]  # set by --clock


def timed_import(statement: str, path: Path) -> float:
    """Seconds `statement` takes in a fresh interpreter importing from `path`, measured inside.

    The child is isolated (-I: no PYTHONPATH, no user site, no current directory on sys.path),
    has `enum` and `typing` imported and the garbage collector off before the clock starts.
    """
    script = textwrap.dedent(f"""\
        import gc
        gc.disable()
        import enum, sys, time, typing
        sys.path.insert(0, {str(path)!r})
        start = time.{CLOCK.in_child}()
        """)
    script += statement + f"\nprint(time.{CLOCK.in_child}() - start)\n"
    proc = run([PYTHON, "-I", "-c", script])
    return int(proc.stdout.split()[-1]) / 1e9


def paired(
    measure: Callable[[], float], floor: Callable[[], float], pairs: int
) -> tuple[list[float], list[float]]:
    """`pairs` runs of each side, alternating which goes first, after one warm-up of each."""
    measure()
    floor()
    measured: list[float] = []
    floors: list[float] = []
    for index in range(pairs):
        if index % 2 == 0:
            measured.append(measure())
            floors.append(floor())
        else:
            floors.append(floor())
            measured.append(measure())
    return measured, floors


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


# --------------------------------------------------------------------------------------------
# The generated package under test, and the floors made from it


@dataclass(frozen=True)
class VendorInfo:
    id: str
    code_class: str
    error_class: str
    str_codes: bool
    members: tuple[tuple[str, int | str], ...]


def vendor_infos(package_dir: Path) -> list[VendorInfo]:
    """Every vendor of the generated package at `package_dir`, read in a child process."""
    script = textwrap.dedent(f"""\
        import enum, importlib, json, sys
        sys.path.insert(0, {str(package_dir)!r})
        import catalog
        out = []
        for vid in catalog.vendors():
            module = importlib.import_module("catalog." + vid)
            own = [value for value in vars(module).values()
                   if isinstance(value, type) and value.__module__ == module.__name__]
            [codes] = [cls for cls in own if isinstance(cls, enum.EnumType)]
            [error] = [cls for cls in own if issubclass(cls, catalog.CatalogError)]
            out.append({{
                "id": vid,
                "code_class": codes.__name__,
                "error_class": error.__name__,
                "str_codes": issubclass(codes, str),
                "members": [[m.name, m.value] for m in codes],
            }})
        print(json.dumps(out))
        """)
    data: list[dict[str, Any]] = json.loads(run([PYTHON, "-I", "-c", script]).stdout)
    return [
        VendorInfo(
            id=item["id"],
            code_class=item["code_class"],
            error_class=item["error_class"],
            str_codes=item["str_codes"],
            members=tuple((name, value) for name, value in item["members"]),
        )
        for item in data
    ]


def write_floor_module(directory: Path, vendor: VendorInfo) -> str:
    """A module holding a bare enum with the vendor's members; returns the module name."""
    base = "StrEnum" if vendor.str_codes else "IntEnum"
    lines = ["import enum", "", "", f"class {vendor.code_class}(enum.{base}):"]
    lines += [f"    {name} = {value!r}" for name, value in vendor.members] or ["    pass"]
    module = f"floor_{vendor.id}"
    (directory / f"{module}.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return module


def copy_generated(target: Path) -> Path:
    """A copy of generated/ (caches excluded) at `target`; returns it."""
    shutil.copytree(GENERATED, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


def pick_vendor(vendors: list[VendorInfo]) -> VendorInfo:
    """IAM, the vendor the figures name; another one when the catalog has no IAM (a test tree)."""
    return next((v for v in vendors if v.id == "iam"), vendors[0])


def touch_every_exception(code_classes: Sequence[str]) -> str:
    return f"for codes in ({', '.join(code_classes)},):\n    for member in codes:\n        member.exception\n"


# --------------------------------------------------------------------------------------------
# Figures 1-3: the generated package at run time


def figure_import_one(reps: Reps, package: Path, floors: Path, vendor: VendorInfo) -> Figure:
    floor_module = write_floor_module(floors, vendor)
    measured, floor = paired(
        lambda: timed_import(f"from catalog import {vendor.error_class}", package),
        lambda: timed_import(f"from {floor_module} import {vendor.code_class}", floors),
        reps.import_pairs,
    )
    return Figure(
        "1",
        f"`from catalog import {vendor.error_class}` (fresh interpreter, warm .pyc, {len(vendor.members)} codes)",
        f"importing a bare {'StrEnum' if vendor.str_codes else 'IntEnum'} with the same members",
        measured,
        floor,
        goal=1.1,
    )


def figure_import_all(reps: Reps, package: Path, floors: Path, vendors: list[VendorInfo]) -> Figure:
    modules = [write_floor_module(floors, vendor) for vendor in vendors]
    classes = [vendor.code_class for vendor in vendors]
    catalog_side = f"from catalog import {', '.join(classes)}\n" + touch_every_exception(classes)
    floor_side = (
        "".join(
            f"from {module} import {vendor.code_class}\n"
            for module, vendor in zip(modules, vendors, strict=True)
        )
        + f"for codes in ({', '.join(classes)},):\n    for member in codes:\n        member.value\n"
    )
    measured, floor = paired(
        lambda: timed_import(catalog_side, package),
        lambda: timed_import(floor_side, floors),
        reps.import_pairs,
    )
    codes = sum(len(vendor.members) for vendor in vendors)
    return Figure(
        "2",
        f"every vendor imported, every exception class touched ({len(vendors)} vendors, {codes} codes)",
        "importing bare enums of every vendor, iterating their members",
        measured,
        floor,
        goal=2.7,
        # Enum creation costs differ between versions; the goal was set on 3.11.
        goal_applies=ON_GOAL_PYTHON,
    )


def figure_from_code(reps: Reps, package: Path, vendor: VendorInfo) -> Figure:
    sys.path.insert(0, str(package))
    try:
        catalog = importlib.import_module("catalog")
    finally:
        sys.path.remove(str(package))
    error_class: Any = getattr(catalog, vendor.error_class)
    code = vendor.members[len(vendor.members) // 2][1]
    error_class.from_code(code)  # the first call builds the code index
    table = {value: Exception for _, value in vendor.members}
    measure = timeit.Timer(
        f"{vendor.error_class}.from_code(code)",
        globals={vendor.error_class: error_class, "code": code},
        timer=CLOCK.timer,
    )
    floor = timeit.Timer(
        "table[code](code)", globals={"table": table, "code": code}, timer=CLOCK.timer
    )
    number = min(measure.autorange()[0], floor.autorange()[0])  # ~0.2 s a repeat, each side

    def per_call(timer: timeit.Timer) -> Callable[[], float]:
        return lambda: timer.timeit(number) / number

    measured, floors = paired(per_call(measure), per_call(floor), reps.timeit_repeats)
    return Figure(
        "3",
        f"`{vendor.error_class}.from_code({code!r})` per call (in process, timeit)",
        "a dict lookup + constructing a plain Exception",
        measured,
        floors,
        goal=2.8,
        notes=[f"{number} calls per repeat; gc off while timing (timeit's default)"],
    )


def sample_body(error_class: Any, code: int | str) -> bytes | None:
    """A raw JSON error body in the vendor's first envelope that reads the code from the body:
    the code, a message and the declared details, as a server sends it; None if no such one."""
    for envelope in error_class._codes._vendor.envelopes:
        if envelope.code is None:
            continue
        body: dict[str, Any] = {}

        def put(path: list[str], value: object, body: dict[str, Any] = body) -> None:
            node = body
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = value

        put(envelope.code, code)
        if envelope.message is not None:
            put(envelope.message, "as the server said it")
        if envelope.success is not None:
            put(envelope.success, False)
        for name, path in envelope.details:
            put(path, f"{name}-5f0c2a9e")
        return json.dumps(body).encode()
    return None


def figure_from_response(reps: Reps, package: Path, vendors: list[VendorInfo]) -> Figure:
    sys.path.insert(0, str(package))
    try:
        catalog = importlib.import_module("catalog")
    finally:
        sys.path.remove(str(package))
    for vendor in [pick_vendor(vendors), *vendors]:
        error_class: Any = getattr(catalog, vendor.error_class)
        code = vendor.members[len(vendor.members) // 2][1]
        raw = sample_body(error_class, code)
        if raw is not None:
            break
    else:
        raise ChildFailed("no vendor has an envelope with a code in the body")
    path = next(e.code for e in error_class._codes._vendor.envelopes if e.code is not None)
    error_class.from_response(raw)  # loads the per-code classes
    table = {value: Exception for _, value in vendor.members}
    measure = timeit.Timer(
        "from_response(raw, status=400)",
        globals={"from_response": error_class.from_response, "raw": raw},
        timer=CLOCK.timer,
    )
    # The floor reads the body and finds the code's entry, as hand-written code would.
    floor_statement = "table.get(loads(raw)" + "".join(f"[{key!r}]" for key in path) + ")"
    floor = timeit.Timer(
        floor_statement,
        globals={"table": table, "loads": json.loads, "raw": raw},
        timer=CLOCK.timer,
    )
    number = min(measure.autorange()[0], floor.autorange()[0])

    def per_call(timer: timeit.Timer) -> Callable[[], float]:
        return lambda: timer.timeit(number) / number

    measured, floors = paired(per_call(measure), per_call(floor), reps.timeit_repeats)
    return Figure(
        "4",
        f"`{vendor.error_class}.from_response(<{len(raw)}-byte JSON body>, status=400)` per call",
        f"`{floor_statement}`: json.loads and a dict lookup",
        measured,
        floors,
        goal=1.45,
        notes=[f"body: {raw.decode()}", f"{number} calls per repeat; gc off while timing"],
    )


# --------------------------------------------------------------------------------------------
# Figures 5-7: the generator on the repository's schemas

PASS: list[str | Path] = [PYTHON, "-c", "pass"]
CODEGEN: list[str | Path] = [PYTHON, "-m", "codegen"]


def figure_check(reps: Reps) -> Figure:
    output = run([*CODEGEN, "check"]).stdout.strip()
    measured, floor = paired(
        lambda: child_time([*CODEGEN, "check"]), lambda: child_time(PASS), reps.startup_pairs
    )
    return Figure(
        "5a",
        "`python -m codegen check` on the repository, nothing stale",
        "`python -c pass`",
        measured,
        floor,
        goal=3.5,
        notes=[f"check said: {output!r}"],
    )


def figure_generate_unchanged(reps: Reps, scratch: Path) -> Figure:
    out = copy_generated(scratch / "unchanged")
    command = [*CODEGEN, "generate", "--out", out]
    first = run(command).stdout.strip()  # brings a stale copy up to date, then nothing changes
    measured, floor = paired(
        lambda: child_time(command), lambda: child_time(PASS), reps.startup_pairs
    )
    notes = [f"generate said: {run(command).stdout.strip()!r}"]
    if "up to date" not in first:
        notes.append("the committed generated/ was not current: the first run rewrote the copy")
    return Figure(
        "5b",
        "`python -m codegen generate`, nothing changed (into a copy of generated/)",
        "`python -c pass`",
        measured,
        floor,
        goal=3.5,
        notes=notes,
    )


def write_black_floor(scratch: Path, package: Path) -> list[str | Path]:
    """A child command that imports black and formats every generated .py file of `package`
    with the generator's own Mode; it prints the seconds spent formatting alone."""
    sys.path.insert(0, str(ROOT))
    try:
        from codegen.generate.formatter import MODE
    finally:
        sys.path.remove(str(ROOT))
    mode_file = scratch / "black-mode.pickle"
    mode_file.write_bytes(pickle.dumps(MODE))
    files = sorted(str(path) for path in (package / "catalog").rglob("*.py"))
    script = textwrap.dedent(f"""\
        import pickle, time
        import black
        mode = pickle.loads(open({str(mode_file)!r}, "rb").read())
        texts = [open(path, encoding="utf-8").read() for path in {files!r}]
        start = time.perf_counter()
        for text in texts:
            black.format_str(text, mode=mode)
        print(time.perf_counter() - start)
        """)
    return [PYTHON, "-c", script]


def figure_check_full(reps: Reps, black_floor: list[str | Path]) -> Figure:
    format_only = float(run(black_floor).stdout.split()[-1])
    measured, floor = paired(
        lambda: wall([*CODEGEN, "check", "--full"]), lambda: wall(black_floor), reps.render_pairs
    )
    return Figure(
        "6",
        "`python -m codegen check --full` (load, re-render, format, compare everything)",
        "a child importing black and formatting every generated .py file",
        measured,
        floor,
        goal=0.20,
        overhead=True,
        notes=[f"of the floor, black.format_str alone took {duration(format_only)}"],
    )


def figure_generate_scratch(reps: Reps, scratch: Path, black_floor: list[str | Path]) -> Figure:
    counter = iter(range(1_000_000))

    def generate() -> float:
        return wall([*CODEGEN, "generate", "--out", scratch / f"fresh-{next(counter)}"])

    measured, floor = paired(generate, lambda: wall(black_floor), reps.render_pairs)
    return Figure(
        "7",
        "`python -m codegen generate` from scratch (into an empty directory)",
        "a child importing black and formatting every generated .py file",
        measured,
        floor,
        goal=0.20,
        overhead=True,
    )


# --------------------------------------------------------------------------------------------
# Figure 8: a synthetic vendor of growing size

NOUNS = (
    "token",
    "user",
    "device",
    "order",
    "coupon",
    "course",
    "lead",
    "project",
    "region",
    "quota",
)
FAULTS = (
    ("{noun} %s does not exist.", "not_found", 404),
    ("The {noun} has expired; sign in again.", "unauthenticated", 401),
    (
        "Requests for {noun} are too frequent, retry in {{seconds}} seconds.",
        "resource_exhausted",
        429,
    ),
    ("Parameter '%(field)s' of the {noun} is invalid.", "invalid_argument", 400),
    ("The system is busy, please try again later ({noun}).", "unavailable", None),
    ("No permission to access the {noun} [input name].", "permission_denied", 403),
    ("The {noun} already exists.", "already_exists", 409),
    ("{noun} 状态不允许此操作", "failed_precondition", None),
    ("The {noun} quota of %d is exceeded.", "out_of_range", None),
    ('Internal error while handling the "{noun}": {{}}', "internal", 500),
)
GROUPS = (
    ("auth", "AuthError", None),
    ("token", "TokenError", "auth"),
    ("billing", "BillingError", None),
)


def synthetic_schema(
    codes: int, vendor: str = "synth", prefix: str = "Synth", str_codes: bool = False
) -> str:
    """A valid schema of one vendor with `codes` codes: varied messages, kinds and fields."""
    q = json.dumps  # a JSON string is a YAML double-quoted scalar

    def code(number: int) -> str:
        return q(f"{prefix.upper()}.{number:05d}") if str_codes else str(number)

    lines = [
        "# yaml-language-server: $schema=catalog.schema.json",
        "format: 1",
        "vendor:",
        f"  id: {vendor}",
        f"  name: {prefix} Synthetic Cloud",
        f"  prefix: {prefix}",
        '  version: "1.0"',
        f"  code_type: {'str' if str_codes else 'int'}",
        "  response:",
        "    - {code: code, message: msg}",
        "groups:",
    ]
    for group_id, name, parent in GROUPS:
        lines += [
            f"  - id: {group_id}",
            f"    name: {prefix}{name}",
            f"    description: {q(name + ' failures.')}",
        ]
        if parent:
            lines.append(f"    parent: {parent}")
    lines.append("codes:")
    for index in range(codes):
        noun = NOUNS[index % len(NOUNS)]
        template, kind, status = FAULTS[(index // len(NOUNS)) % len(FAULTS)]
        lines += [
            f"  - code: {code(10000 + index)}",
            f"    name: {noun.upper()}_{kind.upper()}_{index}",
            f"    message: {q(template.format(noun=noun) + f' (#{index})', ensure_ascii=False)}",
            f"    kind: {kind}",
        ]
        if index % 3 == 0:
            lines.append(
                f"    description: {q(f'Raised when the {noun} cannot be used; case {index}.')}"
            )
        if index % 4 == 0:
            lines.append(f"    remedy: {q(f'Check the {noun} and retry.')}")
        if status is not None and index % 2 == 0:
            lines.append(f"    http_status: {status}")
        if index % 7 == 0:
            lines.append(f"    group: {GROUPS[index % len(GROUPS)][0]}")
        if index % 50 == 0:
            lines.append(f"    aliases: [{code(900000 + index)}]")
        if index % 9 == 0:
            lines.append(
                "    translations: {zh-CN: " + q(f"错误 {index}", ensure_ascii=False) + "}"
            )
    return "\n".join(lines) + "\n"


# Imports of a synthetic vendor per size: a tenth of a second at most each, and a single slow
# one (a noisy neighbour) must not move the median.
IMPORT_RUNS = 11


@dataclass
class SizeRun:
    codes: int
    generate: float
    check_full: float
    import_all: float


def measure_size(codes: int, runs: int, scratch: Path) -> SizeRun:
    """Median generate and check --full times of `runs` runs, and of IMPORT_RUNS imports."""
    schemas = scratch / f"synth-{codes}" / "schemas"
    schemas.mkdir(parents=True)
    (schemas / "synth.yaml").write_text(synthetic_schema(codes), encoding="utf-8")
    package = scratch / f"synth-{codes}" / "out"
    counter = iter(range(1_000_000))

    def generate() -> float:
        out = (
            package
            if not package.exists()
            else scratch / f"synth-{codes}" / f"fresh-{next(counter)}"
        )
        return child_time([*CODEGEN, "generate", "--schemas", schemas, "--out", out])

    generate_times = [generate() for _ in range(runs)]
    check_command = [*CODEGEN, "check", "--full", "--schemas", schemas, "--out", package]
    check_times = [child_time(check_command) for _ in range(runs)]
    touch = "from catalog import SynthCode\n" + touch_every_exception(["SynthCode"])
    timed_import(touch, package)  # warm the .pyc
    import_times = [timed_import(touch, package) for _ in range(IMPORT_RUNS)]
    return SizeRun(codes, median(generate_times), median(check_times), median(import_times))


def report_synthetic(reps: Reps, scratch: Path) -> bool:
    """Figure 8. The per-code cost at a size is its time less the time of a 1-code vendor
    (interpreter start-up, imports, the fixed files), divided by the extra codes."""
    print("\n[8] a synthetic vendor of 500, 1,000 and 5,000 codes: does the cost grow linearly?")
    sys.stdout.flush()
    base = measure_size(1, reps.synthetic_runs, scratch)
    # The largest size runs once: it takes half a minute a command, and its noise is small.
    sizes = [
        measure_size(codes, 1 if codes == SYNTHETIC_SIZES[-1] else reps.synthetic_runs, scratch)
        for codes in SYNTHETIC_SIZES
    ]
    measures: list[tuple[str, Callable[[SizeRun], float]]] = [
        (f"generate (from scratch, {CLOCK.name})", lambda s: s.generate),
        (f"check --full ({CLOCK.name})", lambda s: s.check_full),
        ("import + touch every exception (in child)", lambda s: s.import_all),
    ]
    print(f"    {'measure':<44}{'codes':>7}{'time':>11}{'per code':>11}")
    all_linear = True
    for label, get in measures:
        print(f"    {label:<44}{1:>7}{duration(get(base)):>11}{'(fixed)':>11}")
        per_code = [(get(size) - get(base)) / (size.codes - 1) for size in sizes]
        for size, cost in zip(sizes, per_code, strict=True):
            print(f"    {'':<44}{size.codes:>7}{duration(get(size)):>11}{duration(cost):>11}")
        growth = per_code[-1] / per_code[0]
        linear = growth <= LINEAR_TOLERANCE
        all_linear &= linear
        verdict = "linear" if linear else "GROWS FASTER THAN LINEAR"
        print(
            f"    {'':<44}per-code cost at {SYNTHETIC_SIZES[-1]} = {growth:.2f}x that at "
            f"{SYNTHETIC_SIZES[0]} (goal <= {LINEAR_TOLERANCE}x): {verdict}"
        )
    print(
        f"    medians of {reps.synthetic_runs} runs ({SYNTHETIC_SIZES[-1]} codes: 1), of {IMPORT_RUNS} imports; "
        "per code = (time - time of the 1-code vendor) / (codes - 1)"
    )
    return all_linear


# --------------------------------------------------------------------------------------------


def print_machine() -> None:
    print("catalog benchmarks: each figure against a floor measured in the same run")
    print(f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"python:  {platform.python_implementation()} {platform.python_version()} ({PYTHON})")
    print(f"clock:   {CLOCK.name} time (figures 1-5 and 8)")
    sys.stdout.flush()


@contextmanager
def scratch_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as name:
        yield Path(name)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions (a rough figure in ~1 minute)"
    )
    parser.add_argument(
        "--only", metavar="N,N", help="run only these figures, e.g. --only 1,2,8 (5: 5a and 5b)"
    )
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="cpu",
        help="the clock of figures 1-5 and 8: CPU time (default; steadier on a shared machine) or wall",
    )
    parser.add_argument(
        "--pythons",
        metavar="3.X,3.Y",
        nargs="?",
        const="",
        help="then the run-time figures (1-4) under each other supported Python found, or these",
    )
    return parser.parse_args(argv)


def wanted_figures(only: str | None) -> list[str]:
    if only is None:
        return list(FIGURES)
    asked = {part.strip() for part in only.split(",") if part.strip()}
    return [number for number in FIGURES if number in asked or number.rstrip("ab") in asked]


def other_pythons(asked: str) -> list[tuple[str, Path | None]]:
    """(version, interpreter or None) for `asked` ("3.12,3.13"), or for every supported
    version the wheel names other than this one."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from pythons import interpreter, supported_versions
    finally:
        sys.path.remove(str(ROOT / "tests"))
    this = f"{sys.version_info.major}.{sys.version_info.minor}"
    versions = [v for v in asked.split(",") if v] or supported_versions()
    return [(version, interpreter(version)) for version in versions if version != this]


def summary_line(figure: Figure) -> str:
    return (
        f"    [{figure.number}] {figure.score_text():>7}  goal {figure.goal_text():<22} "
        f"{figure.verdict()}  ({figure.spread_text()})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    global CLOCK
    args = parse_args(argv)
    CLOCK = CLOCKS[args.clock]
    reps = QUICK if args.quick else FULL
    wanted = wanted_figures(args.only)
    if not (GENERATED / "catalog" / "__init__.py").is_file():
        print(f"no generated package at {GENERATED}: run `make generate` first", file=sys.stderr)
        return 2
    started = time.perf_counter()
    print_machine()
    figures: list[Figure] = []
    broken: list[str] = []  # figures whose commands failed (a stale tree, a broken generator)
    linear = True
    with scratch_dir() as scratch:
        package = copy_generated(scratch / "package")
        floors = scratch / "floors"
        floors.mkdir()
        vendors = vendor_infos(package)
        vendor = pick_vendor(vendors)
        steps: list[tuple[str, Callable[[], Figure]]] = [
            ("1", lambda: figure_import_one(reps, package, floors, vendor)),
            ("2", lambda: figure_import_all(reps, package, floors, vendors)),
            ("3", lambda: figure_from_code(reps, package, vendor)),
            ("4", lambda: figure_from_response(reps, package, vendors)),
            ("5a", lambda: figure_check(reps)),
            ("5b", lambda: figure_generate_unchanged(reps, scratch)),
        ]
        if {"6", "7"} & set(wanted):
            black_floor = write_black_floor(scratch, package)
            steps.append(("6", lambda: figure_check_full(reps, black_floor)))
            steps.append(("7", lambda: figure_generate_scratch(reps, scratch, black_floor)))
        for number, step in steps:
            if number not in wanted:
                continue
            try:
                figures.append(step())
            except ChildFailed as exc:
                broken.append(number)
                print(f"\n[{number}] could not be measured: {exc}")
                continue
            print_figure(figures[-1])
        if "8" in wanted:
            try:
                linear = report_synthetic(reps, scratch)
            except ChildFailed as exc:
                broken.append("8")
                print(f"\n[8] could not be measured: {exc}")

    missed = (
        [figure.number for figure in figures if not figure.met] + ([] if linear else ["8"]) + broken
    )
    this = platform.python_version()
    print(
        f"\nsummary, Python {this} ({'quick' if args.quick else 'full'} run, "
        f"{time.perf_counter() - started:.0f} s):"
    )
    for figure in figures:
        print(summary_line(figure))
    if "8" in wanted and "8" not in broken:
        print(
            f"    [8] {'linear' if linear else 'not linear':>7}  goal linear growth             {'ok' if linear else 'MISSED'}"
        )
    for number in broken:
        print(f"    [{number}] not measured: its command failed (see above)")
    print(f"goals missed: {', '.join(missed)}" if missed else "every goal met")
    status = 0
    if args.pythons is not None:
        runtime = [number for number in wanted if number in RUNTIME_FIGURES]
        for version, python in other_pythons(args.pythons):
            if python is None:
                print(
                    f"\n== Python {version}: no interpreter found (pyenv, python{version}): skipped"
                )
                continue
            print(f"\n== Python {version}: {python}, figures {', '.join(runtime)}", flush=True)
            command = [str(python), "-I", __file__, "--only", ",".join(runtime)]
            command += ["--clock", CLOCK.name]
            status = (
                status
                or subprocess.run(
                    command + (["--quick"] if args.quick else []), check=False
                ).returncode
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
