"""Importing ASN registries from the spreadsheets regions' HR agencies export."""

from peduliham.people.importing.errors import ImportFileError
from peduliham.people.importing.service import ImportSummary, import_asn, several_sheets

__all__ = ["ImportFileError", "ImportSummary", "import_asn", "several_sheets"]
