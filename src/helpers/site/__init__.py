"""The commission's review site: which runs can be reused (cache), what each chapter is
(chapters), how it is rendered (render, templates/) and the PDF of all chapters (pdf)."""

import sys

# jsonschema (behind nbformat, which this package reads and writes with) imports rfc3987_syntax
# when it is installed (jupyterlab brings it) and compiles its grammar: 1,5–4 s in every process,
# for a string format nbformat's schema never uses. Blocking the import skips only that format.
sys.modules.setdefault("rfc3987_syntax", None)
