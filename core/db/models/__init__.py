"""Every table of the command center. Import from here."""

from core.db.base import Base
from core.db.models.businesses import (
    BUSINESS_KINDS,
    CERTIFICATE_KINDS,
    RISK_GRADES,
    SCHOOL_KINDS,
    STAR_NAMES_EN,
    STAR_NAMES_ZH,
    STARS,
    Business,
    Certificate,
    Inspection,
    StarChange,
    StarProposal,
    StarRating,
    Violation,
)
from core.db.models.cameras import (
    ALERT_SOURCES,
    ALERT_STATES,
    CAMERA_STATES,
    SEVERITY,
    Alert,
    AlertEvent,
    AlertMedia,
    Camera,
    DetectorThreshold,
)
from core.db.models.places import LAB_KINDS, MARKET_KINDS, District, Market, Stall, TestLab, VendorZone
from core.db.models.system import ROLES, AuditEvent, ChangeLog, Meta, User
from core.db.models.vehicles import (
    EIGHT_CONTROLS,
    FIVE_MUSTS,
    VEHICLE_KINDS,
    CateringJob,
    Position,
    Vehicle,
    VehicleCheck,
    VehicleLedger,
)
from core.db.models.work import (
    INSPECTOR_STATES,
    TASK_KINDS,
    TASK_STATES,
    TEST_CATEGORIES,
    DispatchTask,
    Inspector,
    RapidTest,
)

__all__ = [
    "ALERT_SOURCES", "ALERT_STATES", "BUSINESS_KINDS", "CAMERA_STATES", "CERTIFICATE_KINDS",
    "EIGHT_CONTROLS", "FIVE_MUSTS", "INSPECTOR_STATES", "LAB_KINDS", "MARKET_KINDS", "RISK_GRADES",
    "ROLES", "SCHOOL_KINDS", "SEVERITY", "STARS", "STAR_NAMES_EN", "STAR_NAMES_ZH", "TASK_KINDS",
    "TASK_STATES", "TEST_CATEGORIES", "VEHICLE_KINDS",
    "Alert", "AlertEvent", "AlertMedia", "AuditEvent", "Base", "Business", "Camera", "CateringJob",
    "Certificate", "ChangeLog", "DetectorThreshold", "DispatchTask", "District", "Inspection",
    "Inspector", "Market", "Meta", "Position", "RapidTest", "Stall", "StarChange", "StarProposal",
    "StarRating", "TestLab", "User", "Vehicle", "VehicleCheck", "VehicleLedger", "VendorZone",
    "Violation",
]
