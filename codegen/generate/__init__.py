"""Generating the package: the validated model -> files, written or compared.

`pipeline` runs the stages, each a module: `outputs` (which files, from what) -> `render`
(Jinja2, with `pages` for the reference pages) -> `formatter` (black) -> `stamp` (headers).
The modules `pipeline` imports are the
code that shapes the output, and their source is in every header's fingerprint. `sync` scans
the output tree and compares it, or proves it current from headers; `swap` installs a new
package in one step. `command` is `generate` and `check`. Depends on codegen.schema only.
"""
