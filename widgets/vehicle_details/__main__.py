"""``python -m widgets.vehicle_details``: one made-up banquet truck's file."""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta


def sample_details():
    from widgets.vehicle_details.data import (
        EIGHT_CONTROLS,
        FIVE_MUSTS,
        AlertRow,
        CertificateRow,
        CheckItem,
        JobRow,
        LedgerRow,
        VehicleDetails,
    )

    now = time.time()
    today = date.today()
    checks = [CheckItem(item, item != "sample_retention", "样例佐证 (synthetic evidence)", now - 86400 * (i + 1), "样例检查员")
              for i, item in enumerate(FIVE_MUSTS + EIGHT_CONTROLS)]
    certs = [CertificateRow(kind, f"SAMPLE-{i}", "样例宴席 (synthetic)", today - timedelta(days=300),
                            today + timedelta(days=d), d)
             for i, (kind, d) in enumerate((("business_licence", 200), ("liability_insurance", 25), ("gps_video", 5),
                                            ("filing", 0), ("training", -12)))]
    jobs = [JobRow(today + timedelta(days=k), f"样例村{k + 3}", "婚宴", 150 + 20 * k, "样例户主", k != 1, "declared")
            for k in range(-2, 3)]
    ledgers = [LedgerRow("purchase", now - 3600 * k, "羊肉", 10.0 + k, "kg", "样例肉联厂") for k in range(1, 5)]
    ledgers += [LedgerRow("disinfection", now - 7200 * k, "餐具消毒", note="含氯消毒液") for k in range(1, 3)]
    alerts = [AlertRow(1, now - 600, "undeclared_venue", "宴席车在未申报地点停留", 3, "new"),
              AlertRow(2, now - 86400, "outside_hours", "非营业时段行驶", 2, "closed", ended=True)]
    return VehicleDetails(1, "模00001", "banquet_truck", "样例宴席 (synthetic)", "13800000000", "019900000001", now - 12,
                          38.0, checks, certs, jobs, ledgers, alerts)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from widgets.vehicle_details.widget import VehicleDetailsWidget

    app = QApplication.instance() or QApplication(sys.argv)
    w = VehicleDetailsWidget()
    w.setWindowTitle("Vehicle details — synthetic sample")
    w.set_details(sample_details())
    w.resize(820, 560)
    w.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
