"""`python -m codegen replay`: captured responses read by the generated package, for maintainers.

`captures` reads a file of captured responses (JSON Lines, within bounds); `report` reads each
one through the vendor's error class as a client would, and gathers what needs a maintainer:
unknown codes (with drafts ready to add), failures read from the status alone, and successes
whose body carries keys that no envelope of the vendor decides by. `command` runs it.
"""
