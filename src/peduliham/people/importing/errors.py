"""Errors that stop an import before it changes anything."""

from peduliham.core.errors import DomainError


class ImportFileError(DomainError):
    """The file cannot be imported at all: file_unreadable, empty_file or missing_column."""

    code = "file_unreadable"
