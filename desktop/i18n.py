"""Interface language: Simplified Chinese by default, English on request.

Source strings are English; ``resources/translations/shian_zh_CN.ts`` holds the Chinese, compiled
to ``.qm`` by the build (``make translations``).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
DEFAULT_LANG = "zh_CN"
_installed: list[QTranslator] = []


def current_lang(requested: str | None = None) -> str:
    return requested or os.environ.get("SHIAN_LANG") or DEFAULT_LANG


def install(app, lang: str) -> bool:
    """Load the translations for ``lang``; returns False when the compiled file is missing."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return True
    ok = True
    ours = QTranslator(app)
    if ours.load(str(compiled(lang))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


def compiled(lang: str) -> Path:
    """The compiled translation. A checkout has it from ``make translations``; an installed copy
    compiles its ``.ts`` once into the user data folder with the lrelease that PySide6 ships."""
    qm = TRANSLATIONS / f"shian_{lang}.qm"
    ts = qm.with_suffix(".ts")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    from core.db.engine import data_dir

    out = data_dir() / "translations" / qm.name
    if ts.exists() and (not out.exists() or out.stat().st_mtime < ts.stat().st_mtime):
        import subprocess
        import sys

        import PySide6

        for tool in (Path(sys.executable).with_name("pyside6-lrelease"), Path(PySide6.__file__).with_name("lrelease")):
            if tool.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run([str(tool), "-silent", str(ts), "-qm", str(out)], check=False)
                break
    return out
