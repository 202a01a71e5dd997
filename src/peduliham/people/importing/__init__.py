"""Importing ASN registries from the spreadsheets regions' HR agencies export."""

from peduliham.people.importing.errors import ImportFileError
from peduliham.people.importing.service import ImportSummary, import_asn

__all__ = ["ImportFileError", "ImportSummary", "import_asn"]
