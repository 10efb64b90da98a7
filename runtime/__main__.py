"""`python -m catalog`: look up codes, search the catalogs, decode a response, export the data.

The commands and their exit statuses are described in `catalog._cli`.
"""

from ._cli import main

raise SystemExit(main())
