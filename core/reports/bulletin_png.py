"""The daily public notice as a 1920×1080 image for the market's display screen (Pillow, no Qt).

Large type for reading from across the hall: the day's four figures on the left, the failures
and what was done about them on the right, then every sample tested. What does not fit is
counted in a closing line rather than shrunk out of legibility.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from core.rapid_tests.filters import LOCAL
from core.reports.bulletin import HOTLINE, Bulletin, action_text, item_short, result_text
from core.reports.fonts import cjk_font

SIZE = (1920, 1080)
BG = (244, 246, 250)
NAVY = (22, 62, 104)
RED = (198, 40, 40)
GREEN = (46, 125, 50)
GOLD = (255, 213, 79)
INK = (33, 33, 33)
GREY = (110, 110, 110)
WHITE = (255, 255, 255)
PALE_RED = (253, 236, 234)
LINE = (222, 226, 232)


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    f = cjk_font(bold)
    return ImageFont.truetype(str(f.path), size, index=f.index)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    """The text, cut with an ellipsis where it would overrun ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


_NO_LINE_START = set("）)]】」』，。、；：！？％%…")
_NO_LINE_END = set("（([【「『")


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int = 2) -> list[str]:
    """Break Chinese text into at most ``lines`` lines of ``width`` pixels, never inside a number,
    never starting a line with closing punctuation nor ending one with an opening bracket (the
    token before moves down with it)."""
    out: list[str] = []
    cur: list[str] = []
    for tok in re.findall(r"[A-Za-z0-9.µ%/]+|.", text):
        if cur and draw.textlength("".join(cur) + tok, font=font) > width:
            carry = []
            if tok in _NO_LINE_START and len(cur) > 1:
                carry.append(cur.pop())
            while len(cur) > 1 and cur[-1] in _NO_LINE_END:
                carry.insert(0, cur.pop())
            out.append("".join(cur))
            cur = [*carry, tok]
        else:
            cur.append(tok)
    out.append("".join(cur))
    if len(out) > lines:
        out = out[: lines - 1] + [_fit(draw, "".join(out[lines - 1:]), font, width)]
    return out


def _text(draw, xy, text, size, colour=INK, bold=False, width=None, anchor="la"):
    font = _font(size, bold)
    if width is not None:
        text = _fit(draw, text, font, width)
    draw.text(xy, text, font=font, fill=colour, anchor=anchor)


def _header(draw: ImageDraw.ImageDraw, b: Bulletin) -> None:
    draw.rectangle((0, 0, SIZE[0], 176), fill=NAVY)
    draw.rectangle((0, 176, SIZE[0], 184), fill=RED)
    _text(draw, (60, 26), b.market_name, 66, WHITE, bold=True, width=1100)
    _text(draw, (62, 112), "食用农产品快速检测结果日公示", 40, GOLD, bold=True)
    _text(draw, (1860, 40), b.day_text, 38, WHITE, anchor="ra")
    lab = "检测机构：" + ("、".join(b.labs) or "—")
    _text(draw, (1860, 100), lab, 28, (210, 222, 236), width=640, anchor="ra")
    if b.synthetic:
        label = "演示数据（合成）· 非真实检测结果"
        font = _font(24, True)
        w = int(draw.textlength(label, font=font)) + 32
        draw.rounded_rectangle((1860 - w, 138, 1860, 170), radius=8, fill=RED)
        draw.text((1860 - w // 2, 154), label, font=font, fill=WHITE, anchor="mm")


def _tiles(draw: ImageDraw.ImageDraw, b: Bulletin) -> None:
    tiles = (("检测批次", str(b.tested), NAVY), ("合格", str(b.passed), GREEN),
             ("不合格", str(b.failed), RED if b.failed else GREEN), ("合格率", b.pass_rate_text, NAVY))
    w, h, gap, x0, y0 = 270, 215, 20, 60, 216
    for i, (label, value, colour) in enumerate(tiles):
        x, y = x0 + (i % 2) * (w + gap), y0 + (i // 2) * (h + gap)
        draw.rounded_rectangle((x, y, x + w, y + h), radius=14, fill=WHITE, outline=colour, width=4)
        draw.rectangle((x + 4, y + 4, x + w - 4, y + 58), fill=colour)
        _text(draw, (x + w // 2, y + 31), label, 32, WHITE, bold=True, anchor="mm")
        _text(draw, (x + w // 2, y + 138), value, 78 if len(value) < 6 else 62, colour, bold=True, anchor="mm")
    y = y0 + 2 * (h + gap) + 6
    draw.rounded_rectangle((x0, y, x0 + 2 * w + gap, y + 130), radius=14, fill=(232, 240, 250))
    _text(draw, (x0 + 28, y + 22), "投诉举报电话", 30, NAVY, bold=True)
    _text(draw, (x0 + 28, y + 62), HOTLINE, 52, RED, bold=True)
    _text(draw, (x0 + 2 * w + gap - 28, y + 34), "监督单位", 24, GREY, anchor="ra")
    _text(draw, (x0 + 2 * w + gap - 28, y + 74), b.authority, 26, NAVY, anchor="ra", width=330)
    y += 150
    if b.address:
        _text(draw, (x0, y), "市场地址：" + b.address, 24, GREY, width=2 * w + gap)
    if b.operator:
        _text(draw, (x0, y + 36), "开办单位：" + b.operator, 24, GREY, width=2 * w + gap)


def _section(draw, x, y, w, title, colour) -> int:
    draw.rectangle((x, y + 4, x + 8, y + 44), fill=colour)
    _text(draw, (x + 22, y + 2), title, 36, colour, bold=True)
    return y + 62


def _failures(draw: ImageDraw.ImageDraw, b: Bulletin, x: int, y: int, w: int, max_rows: int) -> int:
    y = _section(draw, x, y, w, "不合格样品及处置情况", RED if b.failures else GREEN)
    if not b.failures:
        draw.rounded_rectangle((x, y, x + w, y + 92), radius=12, fill=(232, 245, 233))
        _text(draw, (x + 32, y + 46), "今日抽检样品全部合格", 40, GREEN, bold=True, anchor="lm")
        return y + 120
    cols = (("样品名称", 170), ("摊位", 100), ("检测项目", 250), ("检测值（限量）", 260), ("处置措施", w - 780))
    draw.rectangle((x, y, x + w, y + 50), fill=RED)
    cx = x + 18
    for name, cw in cols:
        _text(draw, (cx, y + 25), name, 28, WHITE, bold=True, anchor="lm")
        cx += cw
    y += 50
    shown = b.failures if len(b.failures) <= max_rows else b.failures[: max_rows - 1]
    font = _font(27)
    row_h = 84
    for s in shown:
        draw.rectangle((x, y, x + w, y + row_h), fill=PALE_RED)
        draw.line((x, y + row_h, x + w, y + row_h), fill=(240, 200, 196), width=2)
        cx = x + 18
        _text(draw, (cx, y + row_h // 2), s.sample_name, 30, RED, bold=True, width=cols[0][1] - 20, anchor="lm")
        cx += cols[0][1]
        values = (s.stall or "—", s.item_zh, result_text(s), action_text(s))
        for (_, cw), text in zip(cols[1:], values, strict=True):
            lines = _wrap(draw, text, font, cw - 22)
            top = y + row_h // 2 - 18 * (len(lines) - 1)
            for k, line in enumerate(lines):
                draw.text((cx, top + 36 * k), line, font=font, fill=INK, anchor="lm")
            cx += cw
        y += row_h + 2
    if len(shown) < len(b.failures):
        _text(draw, (x + 18, y + 24), f"……另有{len(b.failures) - len(shown)}批次不合格，详见书面公示", 26, RED, anchor="lm")
        y += 50
    return y + 24


def _samples(draw: ImageDraw.ImageDraw, b: Bulletin, x: int, y: int, w: int, bottom: int) -> None:
    y = _section(draw, x, y, w, "今日检测结果", NAVY)
    if not b.samples:
        _text(draw, (x + 22, y + 10), "今日暂无检测数据", 34, GREY)
        return
    col_w, row_h = (w - 24) // 2, 46
    rows_fit = max(1, (bottom - y) // row_h)
    capacity = rows_fit * 2
    shown = b.samples if len(b.samples) <= capacity else b.samples[: capacity - 1]
    per_col = -(-len(shown) // 2)
    row_h = min(60, max(row_h, (bottom - y) // max(per_col, 1)))  # few samples: roomier rows
    for i, s in enumerate(shown):
        cx = x + (i // per_col) * (col_w + 24)
        cy = y + (i % per_col) * row_h
        if (i % per_col) % 2 == 0:
            draw.rectangle((cx, cy, cx + col_w, cy + row_h - 4), fill=WHITE)
        mid = cy + (row_h - 4) // 2
        _text(draw, (cx + 14, mid), s.sample_name, 28, INK, bold=True, width=124, anchor="lm")
        _text(draw, (cx + 146, mid), item_short(s), 26, GREY, width=180, anchor="lm")
        _text(draw, (cx + col_w - 112, mid), result_text(s, with_limit=False), 26, INK, width=150, anchor="rm")
        verdict, colour = ("不合格", RED) if s.failed else ("合格", GREEN)
        _text(draw, (cx + col_w - 14, mid), verdict, 28, colour, bold=True, anchor="rm")
    if len(shown) < len(b.samples):
        rest = b.samples[len(shown):]
        bad = sum(1 for s in rest if s.failed)
        tail = f"……另有{len(rest)}批次" + (f"（其中{bad}批次不合格，见上表）" if bad else "，均合格")
        _text(draw, (x + (col_w + 24) + 14, y + (per_col - 1) * row_h + (row_h - 4) // 2), tail, 26, GREY,
              anchor="lm", width=col_w - 20)


def _footer(draw: ImageDraw.ImageDraw, b: Bulletin) -> None:
    draw.rectangle((0, 1028, SIZE[0], SIZE[1]), fill=(228, 233, 240))
    note = "说明：快速检测结果仅作为市场日常监管参考；不合格产品已依法下架处置并责令复检。如有异议，请拨打 " + HOTLINE
    _text(draw, (60, 1054), note, 24, GREY, anchor="lm", width=1400)
    made = b.generated_at.astimezone(LOCAL)
    _text(draw, (1860, 1054), f"生成时间 {made:%Y-%m-%d %H:%M}", 24, GREY, anchor="rm")


def render_image(b: Bulletin) -> Image.Image:
    img = Image.new("RGB", SIZE, BG)
    draw = ImageDraw.Draw(img)
    _header(draw, b)
    _tiles(draw, b)
    x, w = 680, 1180
    max_fail_rows = 4 if len(b.samples) > len(b.failures) else 9
    y = _failures(draw, b, x, 210, w, max_fail_rows)
    _samples(draw, b, x, y, w, 1010)
    _footer(draw, b)
    return img


def render_png(bulletins: list[Bulletin], outs: list[Path]) -> None:
    for b, out in zip(bulletins, outs, strict=True):
        render_image(b).save(str(out), format="PNG", optimize=True)
