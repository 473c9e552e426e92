"""The command center's standard symbols, so every view of the city reads the same way.

Category codes are small integers the application computes from its data; the helpers below
say how (e.g. ``restaurant_category(stars, school)``). Legend texts are translatable.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from widgets.map_canvas.live_layer import LiveStyle
from widgets.map_canvas.polygon_layer import FillStyle
from widgets.map_canvas.sprites import Symbol

STAR_COLOURS = ("#94a3b8", "#ef4444", "#f97316", "#eab308", "#84cc16", "#16a34a")
SCHOOL = 10  # added to the star count for school and kindergarten canteens


def restaurant_category(stars, school):
    """0–5 by star count; 10–15 for school and kindergarten canteens (drawn larger, ringed)."""
    return stars + SCHOOL * school


def restaurant_symbols() -> dict[int, Symbol]:
    out = {}
    for s, colour in enumerate(STAR_COLOURS):
        stars = "★" * s or "☆"
        out[s] = Symbol("circle", 9, colour, "#ffffff", 1.2, stars, z=s)
        out[SCHOOL + s] = Symbol("star", 15, colour, "#ffffff", 1.2, QCoreApplication.translate("MapSymbology", "School canteen") + f" {stars}",
                                 halo="#7c3aed", z=10 + s)
    return out


MARKET_FARMERS, MARKET_COLLECTIVE, MARKET_CONVENIENCE = 0, 1, 2


def market_symbols() -> dict[int, Symbol]:
    return {
        MARKET_FARMERS: Symbol("square", 14, "#15803d", "#ffffff", 1.6, QCoreApplication.translate("MapSymbology", "Farmers' market"), z=2),
        MARKET_COLLECTIVE: Symbol("square", 12, "#0d9488", "#ffffff", 1.5, QCoreApplication.translate("MapSymbology", "Collective market"), z=1),
        MARKET_CONVENIENCE: Symbol("diamond", 12, "#0891b2", "#ffffff", 1.5, QCoreApplication.translate("MapSymbology", "Convenience market")),
    }


CAMERA_ONLINE, CAMERA_OFFLINE = 0, 1


def camera_symbols() -> dict[int, Symbol]:
    return {
        CAMERA_ONLINE: Symbol("camera", 11, "#0284c7", "#ffffff", 1.0, QCoreApplication.translate("MapSymbology", "Camera online")),
        CAMERA_OFFLINE: Symbol("camera", 11, "#dc2626", "#ffffff", 1.0, QCoreApplication.translate("MapSymbology", "Camera offline"), z=1),
    }


def stall_symbols() -> dict[int, Symbol]:
    return {0: Symbol("circle", 6, "#d97706", "#ffffff", 0.8, QCoreApplication.translate("MapSymbology", "Stall"))}


def test_room_symbols() -> dict[int, Symbol]:
    return {0: Symbol("cross", 14, "#7c3aed", "#ffffff", 1.5, QCoreApplication.translate("MapSymbology", "Rapid-test room"), z=3)}


ZONE_CLOSED, ZONE_OPEN = 0, 1


def zone_styles() -> dict[int, FillStyle]:
    return {
        ZONE_OPEN: FillStyle("#5522c55e", "#15803d", 1.0, QCoreApplication.translate("MapSymbology", "Vendor zone, open now")),
        ZONE_CLOSED: FillStyle("#339ca3af", "#6b7280", 1.0, QCoreApplication.translate("MapSymbology", "Vendor zone, closed")),
    }


VEHICLE_MOVING, VEHICLE_PARKED, VEHICLE_ALERT, VEHICLE_OFFLINE = 0, 1, 2, 3


def vehicle_states() -> dict[int, LiveStyle]:
    return {
        VEHICLE_MOVING: LiveStyle("#16a34a", QCoreApplication.translate("MapSymbology", "Moving")),
        VEHICLE_PARKED: LiveStyle("#2563eb", QCoreApplication.translate("MapSymbology", "Parked")),
        VEHICLE_ALERT: LiveStyle("#dc2626", QCoreApplication.translate("MapSymbology", "Alert")),
        VEHICLE_OFFLINE: LiveStyle("#9ca3af", QCoreApplication.translate("MapSymbology", "Offline")),
    }
