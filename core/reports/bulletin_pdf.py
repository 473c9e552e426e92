"""The daily public notice as an A4 PDF with real, searchable Chinese text (fpdf2, embedded font)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from core.rapid_tests.filters import LOCAL
from core.reports.bulletin import HOTLINE, Bulletin, action_text, result_text
from core.reports.fonts import cjk_font, subset_truetype

NAVY = (31, 78, 121)
RED = (198, 40, 40)
GREEN = (46, 125, 50)
GREY = (96, 96, 96)
PALE = (235, 241, 248)
PALE_RED = (253, 236, 234)
FAMILY = "cjk"
_OWN_TEXT = Path(__file__).read_text(encoding="utf-8")


class _Notice(FPDF):
    def __init__(self, b: Bulletin):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.b = b
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{b.market_name} 食用农产品快速检测结果日公示 {b.day.isoformat()}")
        self.set_subject("日检日公示")
        self.set_author(b.operator or b.market_name)
        self.set_creator("shian")
        self.set_lang("zh-CN")

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        left = f"{self.b.market_name} · {self.b.day.isoformat()}"
        if self.b.synthetic:
            left += " · 演示数据（合成），非真实检测结果"
        self.cell(0, 5, left, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"第 {self.page_no()} 页 共 {{nb}} 页", align="R")


def _heading(pdf: FPDF, text: str, colour=NAVY) -> None:
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 12.5)
    pdf.set_text_color(*colour)
    pdf.set_fill_color(*colour)
    y = pdf.get_y()
    pdf.rect(pdf.l_margin, y + 1.2, 1.4, 5.2, style="F")
    pdf.set_x(pdf.l_margin + 3.2)
    pdf.cell(0, 7.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _summary(pdf: FPDF, b: Bulletin) -> None:
    tiles = (("检测批次", str(b.tested), NAVY), ("合格", str(b.passed), GREEN),
             ("不合格", str(b.failed), RED if b.failed else GREEN), ("合格率", b.pass_rate_text, NAVY))
    w = (pdf.w - pdf.l_margin - pdf.r_margin - 3 * 4) / 4
    y = pdf.get_y()
    for i, (label, value, colour) in enumerate(tiles):
        x = pdf.l_margin + i * (w + 4)
        pdf.set_fill_color(*PALE)
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.5)
        pdf.rect(x, y, w, 22, style="DF")
        pdf.set_xy(x, y + 2.5)
        pdf.set_font(FAMILY, size=9.5)
        pdf.set_text_color(*GREY)
        pdf.cell(w, 5, label, align="C")
        pdf.set_xy(x, y + 8.5)
        pdf.set_font(FAMILY, "B", 19)
        pdf.set_text_color(*colour)
        pdf.cell(w, 11, value, align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, y + 26)


def _failures(pdf: FPDF, b: Bulletin) -> None:
    _heading(pdf, "不合格样品及处置情况", RED)
    if not b.failures:
        pdf.set_font(FAMILY, size=11)
        pdf.set_text_color(*GREEN)
        pdf.cell(0, 8, "今日抽检样品全部合格。", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        return
    pdf.set_font(FAMILY, size=9.5)
    pdf.set_draw_color(190, 190, 190)
    head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=RED)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(col_widths=(10, 18, 12, 38, 36, 13, 51), headings_style=head, line_height=5.6,
                   text_align=("CENTER", "LEFT", "CENTER", "LEFT", "LEFT", "CENTER", "LEFT"),
                   cell_fill_color=PALE_RED, cell_fill_mode="ALL", padding=1.0,
                   borders_layout=TableBordersLayout.ALL) as t:
        t.row(("序号", "样品名称", "摊位", "检测项目", "检测值（限量）", "结论", "处置措施"))
        for i, s in enumerate(b.failures, 1):
            t.row((str(i), s.sample_name, s.stall or "—", s.item_zh, result_text(s), "不合格", action_text(s)))


def _all_samples(pdf: FPDF, b: Bulletin) -> None:
    _heading(pdf, "今日检测结果")
    if not b.samples:
        pdf.set_font(FAMILY, size=11)
        pdf.cell(0, 8, "今日暂无检测数据。", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    pdf.set_font(FAMILY, size=9.5)
    pdf.set_draw_color(200, 200, 200)
    head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=NAVY)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(col_widths=(10, 20, 17, 44, 26, 13, 14), headings_style=head, line_height=5.0,
                   text_align=("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER"),
                   cell_fill_color=(242, 245, 250), cell_fill_mode="ROWS", padding=0.9,
                   borders_layout=TableBordersLayout.HORIZONTAL_LINES) as t:
        t.row(("序号", "样品名称", "类别", "检测项目", "检测值", "结论", "摊位"))
        for i, s in enumerate(b.samples, 1):
            verdict = FontFace(color=RED, emphasis="BOLD") if s.failed else FontFace(color=GREEN)
            row = t.row()
            for text in (str(i), s.sample_name, s.category_zh, s.item_zh, result_text(s, with_limit=False)):
                row.cell(text)
            row.cell("不合格" if s.failed else "合格", style=verdict)
            row.cell(s.stall or "—")


def _document(b: Bulletin, regular: Path, bold: Path) -> FPDF:
    pdf = _Notice(b)
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.alias_nb_pages()
    pdf.add_page()
    if b.synthetic:
        pdf.set_font(FAMILY, "B", 9)
        pdf.set_text_color(*RED)
        pdf.set_draw_color(*RED)
        label = "演示数据（合成）· 非真实检测结果"
        w = pdf.get_string_width(label) + 6
        pdf.set_xy(pdf.w - pdf.r_margin - w, 8)
        pdf.cell(w, 6, label, border=1, align="C")
        pdf.set_xy(pdf.l_margin, 16)
    pdf.set_text_color(*NAVY)
    pdf.set_font(FAMILY, "B", 21)
    pdf.cell(0, 11, b.market_name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "B", 15)
    pdf.set_text_color(*RED)
    pdf.cell(0, 9, "食用农产品快速检测结果日公示", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    y = pdf.get_y() + 1.5
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.2)
    pdf.set_y(y + 2.5)
    pdf.set_font(FAMILY, size=10)
    pdf.set_text_color(40, 40, 40)
    lab = "、".join(b.labs) or "—"
    pdf.cell(0, 6, f"检测日期：{b.day_text}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 6, f"检测机构：{lab}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if b.address:
        where = f"{b.district} · {b.address}" if b.district and b.district not in b.address else b.address
        pdf.cell(0, 6, f"市场地址：{where}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    _summary(pdf, b)
    _failures(pdf, b)
    _all_samples(pdf, b)
    pdf.ln(5)
    pdf.set_font(FAMILY, size=9)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 5, "说明：快速检测结果仅作为市场日常监管参考；不合格产品已依法下架处置并责令复检。"
                         f"如有异议，请拨打投诉举报电话 {HOTLINE}。", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    made = b.generated_at.astimezone(LOCAL)
    pdf.cell(0, 5, f"开办单位：{b.operator or b.market_name}    监督单位：{b.authority}    "
                   f"生成时间：{made:%Y-%m-%d %H:%M}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf


def render_pdf(bulletins: list[Bulletin], outs: list[Path]) -> None:
    """Write each notice to its path; one font subset serves them all."""
    text = "".join(b.text() for b in bulletins) + _OWN_TEXT
    with tempfile.TemporaryDirectory(prefix="shian-fonts-") as d:
        regular = subset_truetype(cjk_font(), text, Path(d) / "regular.ttf")
        bold = subset_truetype(cjk_font(bold=True), text, Path(d) / "bold.ttf")
        for b, out in zip(bulletins, outs, strict=True):
            _document(b, regular, bold).output(str(out))
