"""``python -m widgets.alert_review``: a queue of synthetic alerts to review from the keyboard."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta


def sample_lines(n: int = 12) -> list:
    from widgets.alert_review import AlertLine

    kinds = (("lens_covered", "Lens covered", 3), ("frozen", "Picture frozen", 2), ("smoking", "Smoking", 2),
             ("zone_closed", "In a closed vendor zone", 1))
    now = datetime.now()
    out = []
    for i in range(n):
        kind, name, sev = kinds[i % len(kinds)]
        vehicle = kind == "zone_closed"
        out.append(AlertLine(i + 1, 1, kind, name, sev, ("Info", "Low", "Medium", "High")[sev], "new", "New",
                             "vehicle" if vehicle else "camera", f"{name} (synthetic)",
                             "蒙B·样例" if vehicle else f"样例后厨 {i:02d}", "" if vehicle else f"样例餐馆 {i:02d}",
                             "昆都仑区", now - timedelta(minutes=3 * i)))
    return out


def main() -> int:
    from PySide6.QtWidgets import QApplication, QSplitter

    from widgets.alert_review import AlertDetail, AlertDetailView, AlertQueue

    app = QApplication.instance() or QApplication(sys.argv)
    queue = AlertQueue()
    queue.dismiss_reasons = ["Steam from cooking", "Staff cleaning the camera"]
    queue.set_alerts(sample_lines())
    detail = AlertDetailView()
    queue.currentChanged.connect(lambda a: detail.set_detail(AlertDetail(a) if a else None))
    queue.reviewRequested.connect(lambda action, lines, params: print(action, [a.id for a in lines], params))
    split = QSplitter()
    split.addWidget(queue)
    split.addWidget(detail)
    split.setWindowTitle("Alert review — synthetic sample alerts")
    split.resize(1400, 700)
    split.show()
    queue.table.setFocus()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
