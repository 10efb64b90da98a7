"""The generator, end to end: schemas -> validated model -> rendered -> formatted -> stamped.

`build` is what `generate` writes and `check --full` compares: every file of the package,
exactly as it is written, by path under the output directory, and every reference page, by
name in the pages' directory. Nothing here touches the output
directory (codegen.generate.sync does). The modules this one imports from codegen are, by definition,
the code that shapes the output: their source is in every header's generator fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from codegen.diagnostics import Problem
from codegen.generate.formatter import check_black_version, format_files
from codegen.generate.outputs import Output, generator_fingerprint, outputs_of, pages_of
from codegen.generate.render import Rendered, render_outputs
from codegen.generate.stamp import inputs_hash, stamp
from codegen.project import REPOSITORY, Project
from codegen.schema.loader import load_catalog
from codegen.schema.model import Catalog


class Built(NamedTuple):
    files: dict[str, str]  # path under the output directory -> the file's final text
    warnings: list[Problem]
    pages: dict[str, str]  # name in the reference pages' directory -> the page's final text


def build(
    schemas_dir: Path, display: Callable[[Path], str] = str, project: Project | None = None
) -> Built:
    """Every generated file from the schemas in `schemas_dir`; raises SchemaError if invalid.
    `project` names the package and the command in headers and pages (default: this
    repository's)."""
    catalog, warnings = load(schemas_dir, display)
    project = project or REPOSITORY
    return Built(
        produce(catalog, schemas_dir, project),
        warnings,
        produce_pages(catalog, schemas_dir, project),
    )


def load(schemas_dir: Path, display: Callable[[Path], str] = str) -> tuple[Catalog, list[Problem]]:
    """The validated catalog and its warnings; raises SchemaError listing every problem."""
    return load_catalog(schemas_dir, display)


def render(catalog: Catalog, schemas_dir: Path, project: Project) -> list[tuple[Output, Rendered]]:
    """Every output of the catalog with its body as the templates render it, unformatted."""
    outputs = outputs_of(catalog, schemas_dir, project.package)
    return list(zip(outputs, render_outputs(outputs, catalog, project), strict=True))


def produce(catalog: Catalog, schemas_dir: Path, project: Project) -> dict[str, str]:
    """Render, format and stamp every output of a loaded catalog."""
    check_black_version()
    rendered = render(catalog, schemas_dir, project)
    bodies = format_files([body for _, body in rendered])
    generator = generator_fingerprint(project.package, project.generate_command)
    files: dict[str, str] = {}
    for (output, _), body in zip(rendered, bodies, strict=True):
        if output.header:
            inputs = inputs_hash(generator, output.path, output.inputs)
            copied = output.template is None
            body = stamp(
                body,
                source=output.source,
                inputs=inputs,
                index=output.index_digest,
                copied=copied,
                command=project.generate_command,
            )
        files[output.path] = body
    return files


def produce_pages(catalog: Catalog, schemas_dir: Path, project: Project) -> dict[str, str]:
    """Render and stamp every reference page (Markdown: nothing to format)."""
    outputs = pages_of(catalog, schemas_dir)
    generator = generator_fingerprint(project.package, project.generate_command)
    pages: dict[str, str] = {}
    for output, page in zip(outputs, render_outputs(outputs, catalog, project), strict=True):
        inputs = inputs_hash(generator, output.path, output.inputs)
        pages[output.path] = stamp(
            page.text,
            source=output.source,
            inputs=inputs,
            markdown=True,
            command=project.generate_command,
        )
    return pages
