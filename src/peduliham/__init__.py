"""peduliham: human-rights-based public service for Indonesian government."""

__version__ = "0.1.0"
