"""`codegen import`: a vendor's error page -> a drafted or merged catalog.

`page_tables` and `page_formats` read the page's tables (Markdown, CSV, or rows by a
pattern; `page_html` reads HTML with html5lib); `page_codes` turns rows into codes; `drafts` guesses names, kinds and groups;
`catalog_yaml` and `catalog_edit` write them into a catalog's YAML keeping every curated
field and comment; `command` runs it and reports. Depends on codegen.schema only.
"""
