"""catalog's generator: schemas/*.yaml -> generated/catalog/, and the tools around it.

Three jobs, a package each, all reading the schemas through `codegen.schema`:

    schema/     YAML -> validated model (and `lint`, `explain`)
    generate/   model -> the package, written or checked (`generate`, `check`)
    diff/       two versions of the schemas -> what changed for users (`diff`)
    importer/   a vendor's error page -> a catalog (`import`)

`cli` parses arguments and hands each command to its package; `project` holds a project's
settings (the package's name, its folders); `scaffold` starts a new project (`init`);
`diagnostics` is how every command reports. Arrows run one way: cli -> subsystems -> schema,
project, diagnostics.

The generator's data (templates/, runtime/, the JSON Schema in schemas/) sits at the root of
this repository, and inside the package when installed from the catalog-codegen distribution:
`data_dir` finds it either way.
"""

import os

__version__ = "0.1.0"


def data_dir(name: str) -> str:
    """The generator's data folder `name` ("templates", "runtime" or "schemas"): inside the
    installed package, else at the root of the repository this package is in."""
    package = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(package, name)
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(package), name)
