"""Every registry kind ``shian import`` and ``shian export`` know, by name."""

from core.io.kinds.businesses import BUSINESSES, CAMERAS, INSPECTIONS
from core.io.kinds.people import INSPECTORS
from core.io.kinds.places import MARKETS, STALLS, VENDOR_ZONES
from core.io.kinds.rapid_tests import RAPID_TESTS
from core.io.kinds.vehicles import VEHICLES
from core.io.spec import Kind

KINDS: dict[str, Kind] = {k.name: k for k in (
    MARKETS, BUSINESSES, VENDOR_ZONES, STALLS, CAMERAS, VEHICLES, INSPECTORS, INSPECTIONS, RAPID_TESTS,
)}
