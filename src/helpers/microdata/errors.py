"""The errors of reading an export, shared by the reading modules."""


class ExportError(ValueError):
    """An export that cannot be used (as a whole, or with on_error='raise' because of a row).
    Its message is Dutch, names the file and never contains an identifier value."""


class UnusableExportError(ExportError):
    """An export that was read, but with too much rejected to analyse (`require_usable`)."""


class ColumnError(ValueError):
    """A whole column (or the file as a whole) that cannot be used; the Dutch message says why
    and how to fix it, without the file name (`read_export` adds it)."""
