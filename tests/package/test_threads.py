"""The lazy runtime under threads: many threads touching a vendor's per-code classes at once,
in fresh interpreters, where the errors module is loaded by whichever thread comes first.

A thread that finds the module half-executed by another must wait for it (the import system's
lock does that when the module is imported, not looked up in sys.modules).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import GENERATED

INTERPRETERS = 30
THREADS = 32

RACE = textwrap.dedent(f"""
    import sys, threading
    barrier = threading.Barrier({THREADS})
    failures, seen = [], set()

    def worker(index):
        barrier.wait()
        try:
            if index % 4 == 0:
                import catalog
                cls = catalog.TuyaError.from_code(1010).__class__
            elif index % 4 == 1:
                from catalog.tuya import TuyaCode
                cls = TuyaCode.TOKEN_EXPIRED.exception
            elif index % 4 == 2:
                import catalog
                error = catalog.from_response("tuya", b'{{"success": false, "code": 1010}}')
                cls = error.__class__
            else:
                from catalog.tuya import TokenExpiredError as cls
            assert cls.__name__ == "TokenExpiredError", cls
            seen.add(cls)
        except BaseException as exc:
            failures.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range({THREADS})]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(len(failures), len(seen), failures[:1])
    """)


def _one_interpreter(_: int) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", RACE],
        env={"PYTHONPATH": str(GENERATED), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc.stdout.strip() if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr}"


def test_32_threads_in_30_fresh_interpreters_all_find_the_per_code_class() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_one_interpreter, range(INTERPRETERS)))
    failed = [result for result in results if result != "0 1 []"]
    assert failed == [], f"{len(failed)} of {INTERPRETERS} interpreters failed: {failed[:3]}"
