"""Chinese fonts for reports: found on the machine, cut down to the characters a report uses.

PDFs embed a subset of the font with TrueType outlines. The usual Linux CJK font (Noto Sans CJK)
has CFF outlines, which PDF readers render but several text extractors and indexers cannot read
back as text from the CID-keyed form; so a CFF subset is redrawn with quadratic outlines
(fontTools' cu2qu pen) before embedding, and every reader finds the text. Subsetting first keeps
that to a few hundred glyphs, and makes loading the font into the PDF writer cheap.

``SHIAN_CJK_FONT=/path/font.ttc[:index]`` (and ``SHIAN_CJK_FONT_BOLD``) choose other fonts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

from core.errors import ShianError

# Tried in order; the name picks the face inside a collection (the Simplified Chinese one).
REGULAR = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "CJK SC"),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "CJK SC"),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", "CJK SC"),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "Zen Hei"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "Micro Hei"),
    ("C:/Windows/Fonts/msyh.ttc", "Microsoft YaHei"),
    ("C:/Windows/Fonts/simhei.ttf", ""),
    ("/System/Library/Fonts/PingFang.ttc", "PingFang SC"),
    ("/System/Library/Fonts/STHeiti Medium.ttc", ""),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", ""),
)
BOLD = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "CJK SC"),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", "CJK SC"),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc", "CJK SC"),
    ("C:/Windows/Fonts/msyhbd.ttc", "Microsoft YaHei"),
)


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # face number inside a .ttc collection


def _face_index(path: Path, wanted: str) -> int:
    if path.suffix.lower() not in (".ttc", ".otc") or not wanted:
        return 0
    coll = TTCollection(str(path), lazy=True)
    for i, face in enumerate(coll.fonts):
        if wanted.lower() in (face["name"].getDebugName(4) or "").lower():
            return i
    return 0


def _from_env(var: str) -> FontFile | None:
    value = os.environ.get(var, "").strip()
    if not value:
        return None
    path, _, idx = value.rpartition(":") if value.rsplit(":", 1)[-1].isdigit() else (value, "", "0")
    p = Path(path)
    if not p.is_file():
        raise ShianError(f"{var}={value}: no such font file")
    return FontFile(p, int(idx or 0))


def _fontconfig() -> FontFile | None:
    exe = shutil.which("fc-match")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}|%{index}", "sans-serif:lang=zh-cn"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, idx = out.partition("|")
    p = Path(path)
    if not p.is_file() or p.suffix.lower() not in (".ttf", ".ttc", ".otf", ".otc"):
        return None
    font = TTFont(str(p), fontNumber=int(idx or 0), lazy=True)
    return FontFile(p, int(idx or 0)) if ord("合") in font.getBestCmap() else None


@lru_cache(maxsize=2)
def cjk_font(bold: bool = False) -> FontFile:
    """A font with Simplified Chinese (bold falls back to the regular face)."""
    env = _from_env("SHIAN_CJK_FONT_BOLD" if bold else "SHIAN_CJK_FONT")
    if env:
        return env
    for path, wanted in BOLD if bold else REGULAR:
        p = Path(path)
        if p.is_file():
            return FontFile(p, _face_index(p, wanted))
    if bold:
        return cjk_font(False)
    found = _fontconfig()
    if found:
        return found
    raise ShianError("no Chinese font found for reports: install Noto Sans CJK (Debian/Ubuntu: "
                     "apt-get install fonts-noto-cjk) or set SHIAN_CJK_FONT=/path/to/font.ttc")


def _to_quadratic(font: TTFont) -> None:
    """Redraw CFF outlines as TrueType ('glyf') outlines, in place."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    quads = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        quads[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quads
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the PDF needs none
    font.sfntVersion = "\x00\x01\x00\x00"


def subset_truetype(font: FontFile, text: str, out: Path) -> Path:
    """Write the glyphs ``text`` needs (plus ASCII) as a small TrueType font file."""
    f = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(text="".join(sorted(set(text) | {chr(c) for c in range(32, 127)})))
    sub.subset(f)
    if "CFF " in f:
        _to_quadratic(f)
    f.save(str(out))
    return out
