"""``python -m widgets.dashboard``: the filter bar, market list and city dashboard with synthetic
figures; ``--screenshot out.png`` renders once and quits."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

import numpy as np


def sample_data(days: int = 30, today: date = date(2026, 11, 26), seed: int = 4):
    from widgets.dashboard import DashboardData, MarketLine

    rng = np.random.default_rng(seed)
    day_list = [today - timedelta(days=days - 1 - i) for i in range(days)]
    items = ["有机磷和氨基甲酸酯类农药", "克伦特罗", "孔雀石绿", "甲醛", "二氧化硫", "恩诺沙星", "亚硝酸盐", "莱克多巴胺"]
    failures = rng.poisson(lam=np.array([6, 0.6, 0.8, 0.5, 0.7, 0.9, 0.3, 0.2])[:, None], size=(len(items), days))
    districts = [(n, int(t), int(t - f)) for n, t, f in zip(
        ["昆都仑区", "青山区", "东河区", "九原区", "石拐区", "白云鄂博矿区", "土默特右旗", "固阳县", "达尔罕茂明安联合旗"],
        rng.integers(200, 2500, 9), rng.integers(0, 40, 9), strict=True)]
    data = DashboardData(day_list[0], today, 957, 941, [("光荣农贸市场", 3), ("北梁农贸市场", 2), ("和平农贸市场", 1),
                                                          ("青山农贸市场", 1)], 27_610, 27_190, 37, 2, districts,
                         day_list, items, failures)
    markets = [MarketLine(i, f"NM{i:04d}", f"示例农贸市场{i}", "昆都仑区", int(t), int(t - f), int(o))
               for i, (t, f, o) in enumerate(zip(rng.integers(200, 600, 30), rng.integers(0, 12, 30),
                                                 rng.integers(0, 2, 30), strict=True), 1)]
    return data, markets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m widgets.dashboard")
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--screenshot", metavar="PNG")
    args = ap.parse_args(argv)

    from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

    from widgets.dashboard import CityDashboard, MarketList, TestFilterBar

    app = QApplication.instance() or QApplication(sys.argv)
    data, markets = sample_data(args.days)
    win = QWidget()
    win.setWindowTitle("City dashboard — synthetic figures")
    bar = TestFilterBar(data.last)
    bar.set_choices([("op_carbamate", "有机磷和氨基甲酸酯类农药"), ("clenbuterol", "克伦特罗")],
                    [("vegetables", "蔬菜"), ("meat", "畜禽肉")])
    lst = MarketList()
    lst.set_markets(markets)
    dash = CityDashboard()
    dash.set_data(data)
    side = QVBoxLayout()
    side.addWidget(bar)
    side.addWidget(lst, 1)
    lay = QHBoxLayout(win)
    lay.addLayout(side, 1)
    lay.addWidget(dash, 3)
    win.resize(1500, 640)
    if args.screenshot:
        win.show()
        for _ in range(5):
            app.processEvents()
        win.grab().save(args.screenshot)
        print(args.screenshot)
        return 0
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
