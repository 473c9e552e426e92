"""Certificate expiry warnings at 30, 7 and 0 days."""

from __future__ import annotations

from datetime import date, timedelta

from core.db.models import Certificate, Vehicle
from core.vehicles.certificates import certificate_warnings

TODAY = date(2025, 6, 1)


def test_warning_levels_and_renewals(db):
    with db.session() as s:
        v = Vehicle(plate="蒙B00009", kind="banquet_truck", terminal_phone="013900000009")
        s.add(v)
        s.flush()
        for kind, days, holder in [("business_licence", 40, ""), ("liability_insurance", 30, ""),
                                   ("filing", 8, ""), ("training", 7, ""), ("gps_video", 0, ""),
                                   ("health_certificate", -3, "王师傅"), ("health_certificate", 5, "李师傅"),
                                   ("vehicle_licence", -100, ""), ("vehicle_licence", 200, "")]:
            s.add(Certificate(kind=kind, holder=holder, number=f"N-{kind}-{days}", vehicle_id=v.id,
                              expires=TODAY + timedelta(days=days)))
        s.add(Certificate(kind="business_licence", business_id=None, number="other", expires=TODAY + timedelta(days=2)))
        vid = v.id
    with db.session() as s:
        warnings = certificate_warnings(s, TODAY, vehicle_id=vid)
    got = [(w.kind, w.holder, w.days_left, w.level, w.expired) for w in warnings]
    assert got == [
        ("health_certificate", "王师傅", -3, 0, True),
        ("gps_video", "", 0, 0, False),
        ("health_certificate", "李师傅", 5, 7, False),
        ("training", "", 7, 7, False),
        ("filing", "", 8, 30, False),
        ("liability_insurance", "", 30, 30, False),
    ]  # the 40-day licence is not due yet; the old vehicle licence was renewed
    with db.session() as s:
        assert len(certificate_warnings(s, TODAY)) == 7
        assert len(certificate_warnings(s, TODAY, vehicles_only=True)) == 6
