"""``python -m widgets.details``: the details view with a sample (synthetic) restaurant."""

from __future__ import annotations

import sys


def sample():
    from widgets.details import Action, Details, Note, Row, Section, StarRow

    return Details(
        "示例川菜馆（样例数据）", "餐馆 · 昆都仑区 钢铁大街 12 号", "C", "#d97706",
        (Section("Licence", (Row("Licence no.", "JY11502030000001"), Row("Expires", "2027-03-31"))),
         Section("Stars", (StarRow((("合规星", True), ("餐区整洁星", True), ("厨房达标星", False),
                                    ("制作放心星", True), ("优秀管理星", False))),)),
         Section("Risk", (Row("Grade", "C", "warn"), Note("近一年检查最高风险：中"))),
         Section("Cameras", (Row("CAM000001", "online", "good"), Row("CAM000002", "offline", "bad", link=2)))),
        (Action("Open cameras", "cameras"),),
    )


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from widgets.details import DetailsView

    app = QApplication.instance() or QApplication(sys.argv)
    view = DetailsView()
    view.set_details(sample())
    view.linkActivated.connect(lambda link: print("link", link))
    view.actionTriggered.connect(lambda key: print("action", key))
    view.resize(420, 640)
    if "--screenshot" in sys.argv:
        view.grab().save(sys.argv[sys.argv.index("--screenshot") + 1])
        code = 0
    else:
        view.show()
        code = app.exec()
    del view  # before the application goes
    return code


if __name__ == "__main__":
    sys.exit(main())
