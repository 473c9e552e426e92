"""The public list of star-rated food businesses, as the city publishes it: name, address, the
stars held (by name), risk grade and the date rated. CSV and XLSX for re-use, a printable HTML
page and a PDF for posting."""

from __future__ import annotations

import csv
import html
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.db.models import STAR_NAMES_ZH, STARS, Business, District, StarRating
from core.errors import UsageError
from core.rapid_tests.filters import LOCAL
from core.reports.bulletin import is_synthetic
from core.services.districts import city_name

FORMATS = (".csv", ".xlsx", ".html", ".pdf")
TITLE_OF_LIST = "餐饮服务单位动态星级评定公示名单"  # after the city's name, e.g. 包头市…
HEADERS = ("序号", "单位名称", "地址", "所属区域", "星级", "获得星", "风险等级", "评定日期", "许可证编号")
SYNTHETIC_NOTE = "演示数据（合成），非真实评定结果"
_OWN_TEXT = Path(__file__).read_text(encoding="utf-8")


@dataclass(frozen=True)
class StarListRow:
    business_id: int
    name: str
    address: str
    district: str
    stars: tuple[str, ...]  # the stars held, in the order the city publishes them
    risk_grade: str
    rated_on: date | None
    licence_no: str

    @property
    def count(self) -> int:
        return len(self.stars)

    @property
    def stars_text(self) -> str:
        return "★" * self.count + "☆" * (len(STARS) - self.count)

    @property
    def names_text(self) -> str:
        return "、".join(STAR_NAMES_ZH[s] for s in self.stars)

    def cells(self, n: int) -> tuple:
        return (n, self.name, self.address, self.district, f"{self.count}星 {self.stars_text}", self.names_text,
                self.risk_grade, self.rated_on.isoformat() if self.rated_on else "", self.licence_no)


def star_list_rows(session: Session, district: str | None = None, min_stars: int = 1) -> list[StarListRow]:
    """Rated businesses with at least ``min_stars`` stars, by district, most stars first, then name."""
    stmt = (select(Business, StarRating, District.name).join(StarRating, StarRating.business_id == Business.id)
            .outerjoin(District, District.id == Business.district_id).where(Business.stars >= min_stars))
    if district:
        found = session.scalar(select(District.id).where(or_(District.name == district, District.adcode == district)))
        if found is None:
            raise UsageError(f"no district named {district!r} (give its name or adcode)")
        stmt = stmt.where(Business.district_id == found)
    out = []
    for b, r, dname in session.execute(stmt).all():
        rated = r.rated_at.astimezone(LOCAL).date() if r.rated_at else None
        out.append(StarListRow(b.id, b.name, b.address or "", dname or "", tuple(s for s in STARS if getattr(r, s)),
                               b.risk_grade or "", rated, b.licence_no))
    out.sort(key=lambda row: (row.district, -row.count, row.name))
    return out


def _csv(rows: list[StarListRow], out: Path, synthetic: bool) -> None:
    with open(out, "w", newline="", encoding="utf-8-sig") as f:  # the BOM lets Excel read the Chinese
        w = csv.writer(f)
        if synthetic:
            w.writerow([SYNTHETIC_NOTE])
        w.writerow(HEADERS)
        w.writerows(r.cells(i) for i, r in enumerate(rows, 1))


def _xlsx(rows: list[StarListRow], out: Path, synthetic: bool, made: datetime, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "星级评定公示"
    ws.append([title])
    ws["A1"].font = Font(size=14, bold=True)
    ws.append([(f"{SYNTHETIC_NOTE}；" if synthetic else "") + f"生成时间 {made:%Y-%m-%d %H:%M}"])
    ws["A2"].font = Font(color="C62828" if synthetic else "666666")
    ws.append(list(HEADERS))
    for cell in ws[3]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center")
    for i, r in enumerate(rows, 1):
        ws.append(list(r.cells(i)))
    for col, width in zip("ABCDEFGHI", (6, 30, 36, 12, 14, 48, 9, 12, 22), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:I{len(rows) + 3}"
    wb.save(out)


def _html(rows: list[StarListRow], out: Path, synthetic: bool, made: datetime, title: str) -> None:
    e = html.escape
    body = "\n".join(
        "<tr>" + "".join(f"<td class=c{k}>{e(str(v))}</td>" for k, v in enumerate(r.cells(i))) + "</tr>"
        for i, r in enumerate(rows, 1))
    badge = f'<p class="synthetic">{e(SYNTHETIC_NOTE)}</p>' if synthetic else ""
    legend = "；".join(f"{STAR_NAMES_ZH[s]}" for s in STARS)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
        color: #222; margin: 24px; }}
h1 {{ text-align: center; color: #1f4e79; font-size: 22px; margin: 0 0 6px; }}
.meta {{ text-align: center; color: #666; font-size: 12px; margin: 0 0 12px; }}
.synthetic {{ text-align: center; color: #c62828; font-weight: bold; border: 1px solid #c62828;
              padding: 4px; width: 22em; margin: 0 auto 10px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12px; }}
thead {{ display: table-header-group; }}
th {{ background: #1f4e79; color: #fff; padding: 5px 4px; }}
td {{ border-bottom: 1px solid #dde2e8; padding: 4px; vertical-align: top; }}
tr {{ page-break-inside: avoid; }}
tbody tr:nth-child(even) {{ background: #f4f6fa; }}
td.c0, td.c6, td.c7 {{ text-align: center; white-space: nowrap; }}
td.c4 {{ color: #e0a100; white-space: nowrap; }}
@media print {{ body {{ margin: 0; }} }}
</style></head>
<body>
<h1>{e(title)}</h1>
{badge}
<p class="meta">五星分别为：{e(legend)}。风险等级 A 最低、D 最高。共 {len(rows)} 家。生成时间 {made:%Y-%m-%d %H:%M}</p>
<table>
<thead><tr>{"".join(f"<th>{e(h)}</th>" for h in HEADERS)}</tr></thead>
<tbody>
{body}
</tbody></table>
</body></html>
"""
    out.write_text(page, encoding="utf-8")


def _pdf(rows: list[StarListRow], out: Path, synthetic: bool, made: datetime, title: str) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    from core.reports.fonts import cjk_font, subset_truetype

    text = title + _OWN_TEXT + "".join("".join(map(str, r.cells(0))) for r in rows)
    with tempfile.TemporaryDirectory(prefix="shian-fonts-") as d:
        regular = subset_truetype(cjk_font(), text, Path(d) / "regular.ttf")
        bold = subset_truetype(cjk_font(bold=True), text, Path(d) / "bold.ttf")
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_margins(10, 10, 10)
        pdf.set_auto_page_break(True, margin=12)
        pdf.set_title(title)
        pdf.set_lang("zh-CN")
        pdf.add_font("cjk", "", str(regular))
        pdf.add_font("cjk", "B", str(bold))
        pdf.add_page()
        pdf.set_font("cjk", "B", 16)
        pdf.set_text_color(31, 78, 121)
        pdf.cell(0, 9, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("cjk", size=9)
        pdf.set_text_color(198, 40, 40) if synthetic else pdf.set_text_color(100, 100, 100)
        note = (SYNTHETIC_NOTE + "  ") if synthetic else ""
        pdf.cell(0, 6, f"{note}共 {len(rows)} 家  生成时间 {made:%Y-%m-%d %H:%M}", align="C",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("cjk", size=8)
        pdf.set_fill_color(255, 255, 255)
        head = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(31, 78, 121))
        with pdf.table(col_widths=(8, 42, 50, 16, 22, 60, 16, 17, 30), headings_style=head, line_height=4.6,
                       cell_fill_color=(244, 246, 250), cell_fill_mode="ROWS", padding=0.8,
                       text_align=("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER", "LEFT")) as t:
            t.row(HEADERS)
            for i, r in enumerate(rows, 1):
                t.row(tuple(str(v) for v in r.cells(i)))
        pdf.output(str(out))


def write_star_list(session: Session, out: str | Path, district: str | None = None, min_stars: int = 1) -> int:
    """Write the list by ``out``'s extension; returns the number of businesses listed."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"the star list is written as {', '.join(FORMATS)}, not {suffix or 'a file without extension'}")
    rows = star_list_rows(session, district, min_stars)
    synthetic = is_synthetic(session)
    made = datetime.now(UTC).astimezone(LOCAL)
    title = city_name(session) + TITLE_OF_LIST
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        _csv(rows, out, synthetic)
    elif suffix == ".xlsx":
        _xlsx(rows, out, synthetic, made, title)
    elif suffix == ".html":
        _html(rows, out, synthetic, made, title)
    else:
        _pdf(rows, out, synthetic, made, title)
    return len(rows)
