"""``python -m widgets.search_box``: the search box over a small sample list (synthetic names)."""

from __future__ import annotations

import sys

SAMPLE = ["鹿城烧麦馆", "黄河涮肉馆", "钢城面馆", "草原火锅店", "阿尔丁快餐店", "友谊小学食堂", "民族幼儿园食堂"]


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    from widgets.search_box import SearchBox, Suggestion

    app = QApplication.instance() or QApplication(sys.argv)
    win = QWidget()
    box = SearchBox(win)
    box.setPlaceholderText("Search a sample name")
    out = QLabel(win)
    lay = QVBoxLayout(win)
    lay.addWidget(box)
    lay.addWidget(out)
    box.queryChanged.connect(lambda q: box.set_suggestions(q, [Suggestion(n, "sample") for n in SAMPLE if q and q in n]))
    box.chosen.connect(lambda s: out.setText(f"chosen: {s.title}"))
    box.notFound.connect(lambda q: out.setText(f"nothing matches {q!r}"))
    win.resize(360, 120)
    win.show()
    code = app.exec()
    del win
    return code


if __name__ == "__main__":
    sys.exit(main())
