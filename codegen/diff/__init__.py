"""`codegen diff`: what a schema change does to the package's users, and the version it implies.

`record` is the change record (a `Change`, its severity and bump, and `VendorDiff` that the
rules record on); it imports nothing else from this package. `surface` computes what one
vendor shows its users; `rules` (a vendor's fields, envelopes, groups) and `entries` (its
codes) classify changes; `compare` runs them over two catalogs; `command` exports the
schemas at a git ref and reports. Depends on codegen.schema only.
"""
