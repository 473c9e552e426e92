"""The words the camera and alert panels show for alert kinds, states, severities and sources.

One QObject, so every string goes through ``tr()`` with a literal and the translation tools find it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class AlertWords(QObject):
    def kinds(self) -> dict[str, str]:
        return {
            "lens_covered": self.tr("Lens covered"), "blurred": self.tr("Picture blurred"),
            "frozen": self.tr("Picture frozen"), "signal_lost": self.tr("Signal lost"),
            "after_hours_motion": self.tr("Motion after hours"), "camera_offline": self.tr("Camera offline"),
            "no_hat": self.tr("No hat"), "no_mask": self.tr("No mask"), "smoking": self.tr("Smoking"),
            "phone": self.tr("Phone in the kitchen"), "rodent": self.tr("Rodent"),
            "undeclared_venue": self.tr("Undeclared banquet venue"), "outside_hours": self.tr("Outside hours"),
            "expired_certificate": self.tr("Expired certificate"), "near_school": self.tr("Near a school"),
            "zone_closed": self.tr("In a closed vendor zone"),
        }

    def kind(self, kind: str) -> str:
        return self.kinds().get(kind, kind.replace("_", " "))

    def states(self) -> dict[str, str]:
        return {"new": self.tr("New"), "in_review": self.tr("In review"), "confirmed": self.tr("Confirmed"),
                "dismissed": self.tr("Dismissed"), "rectification": self.tr("Rectification ordered"),
                "closed": self.tr("Closed")}

    def severities(self) -> dict[int, str]:
        return {0: self.tr("Info"), 1: self.tr("Low"), 2: self.tr("Medium"), 3: self.tr("High"),
                4: self.tr("Critical")}

    def sources(self) -> dict[str, str]:
        return {"camera": self.tr("Camera"), "vehicle": self.tr("Vehicle"), "rapid_test": self.tr("Rapid test"),
                "inspection": self.tr("Inspection"), "system": self.tr("System")}

    def actions(self) -> dict[str, str]:
        return {"raised": self.tr("raised"), "claim": self.tr("took it into review"), "release": self.tr("released"),
                "confirm": self.tr("confirmed"), "dismiss": self.tr("dismissed"), "escalate": self.tr("escalated"),
                "assign": self.tr("assigned"), "note": self.tr("noted"),
                "order_rectification": self.tr("ordered rectification"), "close": self.tr("closed")}

    def dismiss_reasons(self) -> list[str]:
        """Common reasons a supervisor picks with one digit."""
        return [self.tr("Steam or smoke from cooking"), self.tr("Staff cleaning the camera"),
                self.tr("Lights switched on or off"), self.tr("Test of the camera"),
                self.tr("Picture is fine on inspection")]
