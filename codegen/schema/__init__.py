"""The schemas, read: YAML -> validated model, used by every command.

`loader` reads schemas/*.yaml through `yaml_source` (the one bounded reader: size, depth and
alias limits), checks their structure against schemas/catalog.schema.json (`structure`,
`conformance`) and their meaning (`semantics`), and returns the `model`. `names` holds the
naming rule for members and exceptions, `kinds` the kinds table read from runtime/kinds.py.
`command` is `lint` and `explain`. Nothing here imports another subsystem of codegen.
"""
