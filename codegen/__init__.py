"""catalog's generator: schemas/*.yaml -> generated/catalog/, and the tools around it.

Three jobs, a package each, all reading the schemas through `codegen.schema`:

    schema/     YAML -> validated model (and `lint`, `explain`)
    generate/   model -> the package, written or checked (`generate`, `check`)
    diff/       two versions of the schemas -> what changed for users (`diff`)
    importer/   a vendor's error page -> a catalog (`import`)

`cli` parses arguments and hands each command to its package; `diagnostics` is how every
command reports. Arrows run one way: cli -> subsystems -> schema, diagnostics.
"""

__version__ = "0.1.0"
