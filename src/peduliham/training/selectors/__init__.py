"""Reads for training, always through the user's scope; one module per domain."""

from peduliham.training.selectors.quotas import (
    QuotaOverview,
    QuotaRow,
    programs_for,
    quota_overview_for,
)

__all__ = ["QuotaOverview", "QuotaRow", "programs_for", "quota_overview_for"]
