"""Writes for training, one module per domain (programs and quotas, events, enrolment,
check-in, completion); the program and quota services are re-exported here."""

from peduliham.training.services.programs import (
    ProposedQuota,
    QuotaProposal,
    allocate_opd_share,
    apply_quotas,
    count_active_asn_per_opd,
    open_program,
    propose_province_quotas,
    set_quota,
)

__all__ = [
    "ProposedQuota",
    "QuotaProposal",
    "allocate_opd_share",
    "apply_quotas",
    "count_active_asn_per_opd",
    "open_program",
    "propose_province_quotas",
    "set_quota",
]
