"""One vehicle's file: checklist, certificates with expiry warnings, catering jobs, ledgers, alerts."""

from widgets.vehicle_details.data import (
    AlertRow,
    CertificateRow,
    CheckItem,
    JobRow,
    LedgerRow,
    VehicleDetails,
)
from widgets.vehicle_details.widget import VehicleDetailsWidget

__all__ = ["AlertRow", "CertificateRow", "CheckItem", "JobRow", "LedgerRow", "VehicleDetails", "VehicleDetailsWidget"]
