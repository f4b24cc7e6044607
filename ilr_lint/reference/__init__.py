"""Reference data the official rules need beyond the ILR file itself.

- :mod:`.codelists`: the ILR specification's code lists per collection year, shipped as data
  (``codes/<year>.toml``, one file per year, each list with its source written beside it).
- :mod:`.lars`: the funder's Learning Aim Reference Service (LARS) download, given with
  ``--lars`` or ``lars = "PATH"``, indexed once into a small SQLite database in the user's
  cache folder.
"""
