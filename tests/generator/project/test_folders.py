"""A project's folders are strings spelled as pathlib spells them, so that messages, headers
and the default pages folder read the same whichever way a folder was given."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from codegen.project import Project, absolute_path, clean_path, default_docs, resolve

FOLDERS = st.lists(st.sampled_from(["a", "b c", ".", "..", "", ".x", "é"]), max_size=5).flatmap(
    lambda parts: st.sampled_from(["", "/", "//", "///"]).map(
        lambda root: root + "/".join(parts) + ("/" if parts and parts[-1] == "a" else "")
    )
)


@given(FOLDERS)
def test_a_folder_is_spelled_as_pathlib_spells_it(folder: str) -> None:
    assert clean_path(folder) == str(Path(folder))
    assert clean_path(Path(folder)) == str(Path(folder))
    assert absolute_path(folder) == str(Path(folder).absolute())
    assert default_docs(folder) == str(Path(folder).parent / "docs" / "vendors")


def test_a_project_is_the_same_whichever_way_its_folders_are_given() -> None:
    given_as_text = Project("acme", "./schemas/", "gen//out", "make generate")
    assert given_as_text == Project("acme", Path("schemas"), Path("gen/out"), "make generate")
    assert (given_as_text.schemas, given_as_text.out) == ("schemas", "gen/out")
    assert resolve(None, "x/./", Path("y"), pyproject=os.devnull).schemas == "x"
