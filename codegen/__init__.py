"""catalog's generator: schemas/*.yaml -> generated/catalog/.

The pipeline (codegen.pipeline), one module per stage, data flowing one way: loader (YAML ->
validated model) -> render (Jinja2) -> formatter (black) -> stamp (headers); codegen.outputs
describes every generated file. Then sync (compare, or prove current from headers) or swap
(write the package in one step). `cli` wires them to `python -m codegen`.
"""

__version__ = "0.1.0"
