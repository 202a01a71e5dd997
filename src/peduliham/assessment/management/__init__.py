"""Management commands of assessment."""
