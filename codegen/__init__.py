"""catalog's generator: schemas/*.yaml -> generated/catalog/.

The pipeline, one module per stage, data flowing one way:
loader (YAML -> validated model) -> render (Jinja2) -> formatter (black) -> stamp (header
hashes) -> sync (write or check). `cli` wires them to `python -m codegen`.
"""

__version__ = "0.1.0"
