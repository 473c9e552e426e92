"""The daily public notice of a market's rapid tests (日检日公示): what it says, and writing it.

A market posts the day's results the same day, on paper and on its display screen: how many
samples were tested and passed, every failing sample with its stall, item and result, and what
was done about it. The text is gathered here once (``bulletin_data``) and drawn by
``bulletin_pdf`` (A4, searchable text) or ``bulletin_png`` (1920×1080 for the screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import catalog
from core.db.models import District, Market, Meta, RapidTest, TestLab
from core.errors import NotFound, UsageError
from core.rapid_tests.filters import LOCAL, TestFilter
from core.rapid_tests.samples import SampleRow, market_day_samples
from core.services.districts import SUPERVISOR_SUFFIX, supervising_authority

FORMATS = (".pdf", ".png")
WEEKDAYS_ZH = "一二三四五六日"
HOTLINE = "12315"
# Every fixed word a notice draws is a literal in this module or in a renderer; each renderer adds
# its own source the same way, so a font subset cut from the text never misses a label.
_OWN_TEXT = Path(__file__).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Bulletin:
    market_id: int
    market_code: str
    market_name: str
    address: str
    operator: str
    district: str
    day: date
    labs: list[str]
    samples: list[SampleRow]
    synthetic: bool
    authority: str = SUPERVISOR_SUFFIX  # e.g. 包头市市场监督管理局: the city's, from its districts
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def tested(self) -> int:
        return len(self.samples)

    @property
    def passed(self) -> int:
        return sum(1 for s in self.samples if not s.failed)

    @property
    def failed(self) -> int:
        return self.tested - self.passed

    @property
    def failures(self) -> list[SampleRow]:
        return [s for s in self.samples if s.failed]

    @property
    def pass_rate_text(self) -> str:
        return f"{100 * self.passed / self.tested:.1f}%" if self.tested else "—"

    @property
    def day_text(self) -> str:
        return f"{self.day.year}年{self.day.month}月{self.day.day}日（星期{WEEKDAYS_ZH[self.day.weekday()]}）"

    def text(self) -> str:
        """Every string the notice may draw, so a font subset can be cut for it."""
        parts = [self.market_name, self.address, self.operator, self.district, self.day_text, *self.labs,
                 self.authority, HOTLINE, _OWN_TEXT]
        for s in self.samples:
            parts += [s.sample_name, s.stall, s.item_zh, s.category_zh, result_text(s), action_text(s), s.tester]
        return "".join(parts)


# Names short enough for a screen column; the enzyme-inhibition test is posted as "pesticide residue".
SHORT_ITEM_ZH = {"op_carbamate": "农药残留"}


def item_short(s: SampleRow) -> str:
    return SHORT_ITEM_ZH.get(s.item, s.item_zh)


def result_text(s: SampleRow, with_limit: bool = True) -> str:
    """The reading as printed: value and unit (and, for a failure, the limit beside it)."""
    if s.value is None:
        return "阳性" if s.failed else "阴性"
    v = f"{s.value:.4g}{s.unit}"
    return f"{v}（限量{s.limit:g}{s.unit}）" if with_limit and s.failed and s.limit is not None else v


def action_text(s: SampleRow) -> str:
    """What was done about a failing sample, in the words the public notice uses."""
    if not s.failed:
        return ""
    parts = []
    if s.disposal:
        how = catalog.DISPOSAL_ZH.get(s.disposal, s.disposal)
        kg = f"{s.disposal_kg:g}千克" if s.disposal_kg else ""
        parts.append(f"已{how}{kg}")
    elif s.disposal_state == "done":
        parts.append("已处置")
    else:
        parts.append("已下架，待处置")
    if s.retest_state == "done":
        parts.append("复检已完成")
    elif s.retest_state in ("cancelled",):
        pass
    elif s.retest_due is not None:
        due = s.retest_due.astimezone(LOCAL)
        parts.append(f"责令复检（{due.month}月{due.day}日前）")
    else:
        parts.append("责令复检")
    return "，".join(parts)


def is_synthetic(session: Session) -> bool:
    return session.scalar(select(Meta.value).where(Meta.key == "synthetic")) == "1"


def find_market(session: Session, ref: str | int) -> Market:
    """A market by id or by code (``NM0001``)."""
    text = str(ref).strip()
    m = session.get(Market, int(text)) if text.isdigit() else None
    m = m or session.scalar(select(Market).where(Market.code == text))
    if m is None:
        raise NotFound(f"no market with id or code {text!r}")
    return m


def bulletin_data(session: Session, market: str | int, day: date) -> Bulletin:
    m = find_market(session, market)
    samples = market_day_samples(session, m.id, day)
    lab_ids = {s for s in session.scalars(TestFilter.day(day, market_ids=(m.id,)).apply(
        select(RapidTest.lab_id).distinct())) if s is not None}
    labs = sorted(session.scalars(select(TestLab.name).where(TestLab.id.in_(lab_ids)))) if lab_ids else []
    district = session.scalar(select(District.name).where(District.id == m.district_id)) if m.district_id else ""
    return Bulletin(m.id, m.code, m.name, m.address or "", m.operator or "", district or "", day, labs, samples,
                    is_synthetic(session), supervising_authority(session))


def _renderer(suffix: str) -> Callable:
    if suffix == ".pdf":
        from core.reports.bulletin_pdf import render_pdf

        return render_pdf
    if suffix == ".png":
        from core.reports.bulletin_png import render_png

        return render_png
    raise UsageError(f"a notice is written as {' or '.join(FORMATS)}, not {suffix or 'a file without extension'}")


def write_bulletin(session: Session, market: str | int, day: date, out: str | Path) -> Path:
    """One market's notice, as PDF or PNG by the extension of ``out``."""
    out = Path(out)
    render = _renderer(out.suffix.lower())
    data = bulletin_data(session, market, day)
    out.parent.mkdir(parents=True, exist_ok=True)
    render([data], [out])
    return out


def write_all_bulletins(session: Session, day: date, folder: str | Path, fmt: str = "pdf",
                        only_tested: bool = True) -> list[Path]:
    """One notice per market into ``folder`` (``<code>_<date>.<fmt>``), the whole city at once.

    Markets that tested nothing that day are skipped unless ``only_tested`` is False.
    """
    suffix = "." + fmt.lower().lstrip(".")
    render = _renderer(suffix)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; --all writes into a folder")
    folder.mkdir(parents=True, exist_ok=True)
    data = [bulletin_data(session, m.id, day) for m in session.scalars(select(Market).order_by(Market.code))]
    if only_tested:
        data = [d for d in data if d.tested]
    outs = [folder / f"{d.market_code}_{day.isoformat()}{suffix}" for d in data]
    if data:
        render(data, outs)
    return outs
