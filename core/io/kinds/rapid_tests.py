"""Rapid-test results as the test rooms' files give them."""

from __future__ import annotations

from sqlalchemy import select

from core import catalog
from core.db.models import Market, RapidTest, Stall, TestLab
from core.errors import RowError
from core.io import fields as F
from core.io.spec import Col, Context, Kind
from core.rapid_tests.tasks import after_import

RESULT_NAMES = {"pass": "pass", "fail": "fail", "合格": "pass", "不合格": "fail", "阴性": "pass", "阳性": "fail",
                "negative": "pass", "positive": "fail"}


def parse_rapid_test(row, ctx: Context) -> dict:
    v = row.values
    market_code = F.required(v, "market")
    market_id = ctx.lookup(Market, "code", market_code)
    if market_id is None:
        raise RowError(f"no market with code {market_code!r}")
    lab_code = F.text(v.get("lab"))
    lab_id = ctx.lookup(TestLab, "code", lab_code) if lab_code else None
    if lab_code and lab_id is None:
        raise RowError(f"no test room or test vehicle with code {lab_code!r}")
    stall_code = F.text(v.get("stall"))
    stall_id = ctx.lookup(Stall, "code", stall_code) if stall_code else None
    cat = catalog.category_by_name(F.required(v, "category"))
    if cat is None:
        raise RowError(f"unknown category {v.get('category')!r}; use one of {', '.join(catalog.CATEGORY_ZH)}")
    item_name = F.required(v, "item")
    it = catalog.item_by_name(item_name)
    value = F.number(v.get("value"), "value")
    limit = F.number(v.get("limit"), "limit")
    if limit is None and it is not None:
        limit = it.limit
    given = F.text(v.get("result"))
    result = F.choice(given, "result", RESULT_NAMES) if given else None
    if result is None:
        if value is None or limit is None:
            raise RowError("give 'result', or 'value' with a 'limit' (or a known item) to judge it")
        result = "fail" if value >= limit else "pass"
    disposal = F.text(v.get("disposal")) or None
    market = ctx.session.get(Market, market_id)
    return dict(
        sample_no=F.required(v, "sample_no"), lab_id=lab_id, market_id=market_id, stall_id=stall_id,
        sample_name=F.required(v, "sample_name"), category=cat, item=it.code if it else item_name,
        value=value, unit=F.text(v.get("unit")) or (it.unit if it else ""), limit=limit, result=result,
        tested_at=F.moment(F.required(v, "tested_at"), "tested_at"), tester=F.text(v.get("tester")),
        disposal=disposal, disposal_kg=F.number(v.get("disposal_kg"), "disposal_kg", 0, 100000),
        lon=market.lon, lat=market.lat,
    )


def export_rapid_tests(session):
    markets = dict(session.execute(select(Market.id, Market.code)).all())
    labs = dict(session.execute(select(TestLab.id, TestLab.code)).all())
    stalls = dict(session.execute(select(Stall.id, Stall.code)).all())
    rows = [dict(sample_no=t.sample_no, lab=labs.get(t.lab_id, ""), market=markets.get(t.market_id, ""),
                 stall=stalls.get(t.stall_id, ""), sample_name=t.sample_name, category=t.category, item=t.item,
                 value=t.value, unit=t.unit, limit=t.limit, result=t.result, tested_at=F.local_iso(t.tested_at),
                 tester=t.tester, disposal=t.disposal or "", disposal_kg=t.disposal_kg)
            for t in session.scalars(select(RapidTest).order_by(RapidTest.tested_at, RapidTest.id))]
    return rows, None


RAPID_TESTS = Kind(
    "rapid-tests", RapidTest, "sample_no",
    (Col("sample_no", "sample number, unique (natural key)", True, ("样品编号",)),
     Col("lab", "test room or test vehicle code", aliases=("检测室", "检测机构")),
     Col("market", "market code", True, ("市场编号",)), Col("stall", "stall code", aliases=("摊位",)),
     Col("sample_name", "product, e.g. 韭菜", True, ("样品名称", "sample", "product")),
     Col("category", "vegetables, fruit, meat, aquatic, eggs, grain, soy, other (or 蔬菜, 水果…)", True, ("类别", "样品类别")),
     Col("item", "test item: code, Chinese or English name (e.g. 有机磷和氨基甲酸酯类农药)", True, ("检测项目", "test_item")),
     Col("value", "measured value", aliases=("检测值", "结果值")), Col("unit", "", aliases=("单位",)),
     Col("limit", "limit; the item's usual limit when empty", aliases=("限量", "标准值")),
     Col("result", "pass | fail (合格/不合格, 阴性/阳性); judged from value and limit when empty", aliases=("检测结果", "结论")),
     Col("tested_at", "date-time of the test, Beijing time", True, ("检测时间", "time")),
     Col("tester", "", aliases=("检测员", "检测人")),
     Col("disposal", "destroyed, returned, sealed… for failures", aliases=("处置方式",)),
     Col("disposal_kg", "kilograms disposed of", aliases=("处置数量", "处置重量"))),
    parse_rapid_test, export_rapid_tests, after_write=after_import,
    doc="Rapid-test results from test rooms and mobile test vehicles.",
)
