"""Every visible string has its Chinese translation, and the build compiles it."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "shian_zh_CN.ts"


def _messages(path: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete") and (tr.text or "").strip()
            out[(name, msg.findtext("source"))] = tr.text if done else None
    return out


def test_every_string_in_the_code_is_in_the_translation_file_and_translated(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = shutil.which("pyside6-lupdate")
    if not lupdate:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for d in ("widgets", "desktop") for p in (ROOT / d).rglob("*.py"))
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *files, "-ts", str(fresh)],
                   check=True, capture_output=True, cwd=ROOT)
    in_code = _messages(fresh)
    committed = _messages(TS)
    missing = sorted(k for k in in_code if not committed.get(k))
    assert not missing, f"{len(missing)} untranslated: {missing[:15]}"


def test_compiled_translation_switches_the_interface(qapp):
    from PySide6.QtCore import QCoreApplication

    from desktop import i18n

    qm = TS.with_suffix(".qm")
    if not qm.exists():
        pytest.skip("run 'make translations' to compile the .qm")
    assert i18n.install(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    i18n.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_no_aliased_translation_calls_that_lupdate_cannot_see():
    import re

    # an alias of self.tr, or a helper that passes a variable to translate(): lupdate sees neither
    alias = re.compile(r"^\s*\w+\s*=\s*self\.tr\s*$|translate\(\s*\"\w+\",\s*[a-z_]\w*\s*\)", re.M)
    hits = [str(p.relative_to(ROOT)) for d in ("widgets", "desktop") for p in (ROOT / d).rglob("*.py")
            if alias.search(p.read_text(encoding="utf-8"))]
    assert not hits, f"strings passed through an alias of self.tr are never translated: {hits}"
