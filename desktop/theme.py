"""Light theme for desks, dark for wall displays; Noto CJK for Chinese text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

THEMES = Path(__file__).resolve().parents[1] / "resources" / "themes"
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC")


def ui_font(point_size: float = 10) -> QFont:
    families = set(QFontDatabase.families())
    for fam in CJK_FAMILIES:
        if fam in families:
            f = QFont(fam)
            break
    else:
        f = QFont()
    f.setPointSizeF(point_size)
    return f


def apply(app: QApplication, theme: str = "light", large: bool = False) -> None:
    if theme not in ("light", "dark"):
        raise ValueError(f"unknown theme {theme!r}")
    app.setStyle("Fusion")
    app.setFont(ui_font(13 if large else 10))
    pal = QPalette()
    if theme == "dark":
        for role, color in ((QPalette.ColorRole.Window, "#0f1720"), (QPalette.ColorRole.Base, "#111a24"),
                            (QPalette.ColorRole.AlternateBase, "#15202c"), (QPalette.ColorRole.Text, "#d6e2ee"),
                            (QPalette.ColorRole.WindowText, "#d6e2ee"), (QPalette.ColorRole.Button, "#16212d"),
                            (QPalette.ColorRole.ButtonText, "#d6e2ee"), (QPalette.ColorRole.Highlight, "#24476e"),
                            (QPalette.ColorRole.ToolTipBase, "#16212d"), (QPalette.ColorRole.ToolTipText, "#d6e2ee")):
            pal.setColor(role, QColor(color))
    app.setPalette(pal)
    app.setStyleSheet((THEMES / f"{theme}.qss").read_text(encoding="utf-8"))
    app.setProperty("shian_theme", theme)


def current(app: QApplication) -> str:
    return app.property("shian_theme") or "light"
