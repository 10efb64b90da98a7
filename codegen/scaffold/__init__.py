"""`init`: start a project of one's own vendors, outside this repository.

`command`      writes the project: schemas/ with an example vendor and the JSON Schema,
               and the `[tool.catalog-codegen]` table of pyproject.toml; never overwrites
example.yaml   the example vendor, a catalog to replace with a real vendor's
"""
