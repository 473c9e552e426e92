"""Pass rates by market, district, item, category, stall and day; trends; the city's KPIs; the
failures the heatmap draws. Days are Beijing days although times are stored in UTC."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from core.db.models import RapidTest
from core.errors import UsageError
from core.rapid_tests import (
    TestFilter,
    city_kpis,
    create_failure_tasks,
    failure_points,
    market_day_samples,
    pass_rate_series,
    pass_rates,
    trend,
)
from tests.core.small_city import ADMIN, add_district, add_market, add_stall, add_test, local

TODAY = date(2026, 11, 20)


@pytest.fixture
def city(db):
    """Two districts, three markets; tests over three days with known failures.

    today:      友谊 4 samples (1 fail, stall 08), 东河 2 samples (2 fail: meat), 九原 none
    yesterday:  友谊 2 pass, 九原 3 pass (one at 06:30 Beijing = 22:30 UTC the day before)
    8 days ago: 九原 1 fail (outside a 7-day window)
    """
    with db.session() as s:
        kdl = add_district(s, "150203", "昆都仑区")
        dh = add_district(s, "150202", "东河区", lon=110.02)
        yy = add_market(s, "NM0001", "友谊农贸市场", kdl, lon=109.83, lat=40.66)
        dhm = add_market(s, "NM0002", "东河农贸市场", dh, lon=110.03, lat=40.59)
        jy = add_market(s, "NM0003", "九原农贸市场", kdl, lon=109.97, lat=40.60)
        st8 = add_stall(s, yy, "08")
        st9 = add_stall(s, yy, "09")
        y = TODAY - timedelta(days=1)
        add_test(s, yy, local(TODAY, 7), fail=True, stall=st8, sample_name="豇豆", disposal="destroyed", disposal_kg=12.5)
        add_test(s, yy, local(TODAY, 7, 10), stall=st8)
        add_test(s, yy, local(TODAY, 7, 20), stall=st9, item="formaldehyde", category="aquatic", sample_name="鱿鱼")
        add_test(s, yy, local(TODAY, 7, 30), item="clenbuterol", category="meat", sample_name="猪肉")
        add_test(s, dhm, local(TODAY, 8), fail=True, item="clenbuterol", category="meat", sample_name="羊肉")
        add_test(s, dhm, local(TODAY, 8, 5), fail=True, item="clenbuterol", category="meat", sample_name="猪肝",
                 value=0.5 * 4)  # four times the limit
        add_test(s, yy, local(y, 9))
        add_test(s, yy, local(y, 9, 30))
        add_test(s, jy, local(y, 6, 30))
        add_test(s, jy, local(y, 10))
        add_test(s, jy, local(y, 11))
        add_test(s, jy, local(TODAY - timedelta(days=8), 9), fail=True)
        ids = {"yy": yy.id, "dh": dhm.id, "jy": jy.id, "kdl": kdl.id, "dhd": dh.id, "st8": st8.id}
    return ids


def _by_key(rates):
    return {g.key: (g.tested, g.passed) for g in rates}


def test_pass_rates_by_each_grouping(db, city):
    week = TestFilter.last_days(7, TODAY)
    with db.session() as s:
        assert _by_key(pass_rates(s, "market", week)) == {city["yy"]: (6, 5), city["dh"]: (2, 0), city["jy"]: (3, 3)}
        by_district = pass_rates(s, "district", week)
        assert _by_key(by_district) == {city["kdl"]: (9, 8), city["dhd"]: (2, 0)}
        assert by_district[0].label == "东河区" and by_district[0].rate == 0.0  # worst first
        items = pass_rates(s, "item", week)
        assert _by_key(items) == {"op_carbamate": (7, 6), "clenbuterol": (3, 1), "formaldehyde": (1, 1)}
        assert {g.key: g.label for g in items}["clenbuterol"] == "克伦特罗"
        cats = {g.key: (g.label, g.tested, g.failed) for g in pass_rates(s, "category", week)}
        assert cats["meat"] == ("畜禽肉", 3, 2) and cats["vegetables"] == ("蔬菜", 7, 1)
        stalls = {g.label: (g.tested, g.passed) for g in pass_rates(s, "stall", week)}
        assert stalls == {"友谊农贸市场 08号": (2, 1), "友谊农贸市场 09号": (1, 1), "未登记摊位": (8, 6)}
        days = pass_rates(s, "day", week)
        assert [(g.key, g.tested, g.passed) for g in days] == [
            (TODAY - timedelta(days=1), 5, 5), (TODAY, 6, 3)]  # the 06:30 sample counts on its Beijing day


def test_filters_narrow_by_item_category_market_and_district(db, city):
    with db.session() as s:
        meat = pass_rates(s, "market", TestFilter.last_days(7, TODAY, categories=("meat",)))
        assert _by_key(meat) == {city["yy"]: (1, 1), city["dh"]: (2, 0)}
        op = pass_rates(s, "market", TestFilter.last_days(30, TODAY, items=("op_carbamate",)))
        assert _by_key(op)[city["jy"]] == (4, 3)  # the 30-day window reaches the old failure
        dist = pass_rates(s, "market", TestFilter.last_days(7, TODAY, district_ids=(city["dhd"],)))
        assert _by_key(dist) == {city["dh"]: (2, 0)}
        one = pass_rates(s, "item", TestFilter.day(TODAY, market_ids=(city["yy"],)))
        assert sum(g.tested for g in one) == 4


def test_daily_series_for_the_city_and_per_market(db, city):
    with db.session() as s:
        city_series = trend(s, 7, TODAY)
        assert city_series.days[0] == TODAY - timedelta(days=6) and city_series.days[-1] == TODAY
        assert city_series.tested.shape == (1, 7)
        assert list(city_series.tested[0]) == [0, 0, 0, 0, 0, 5, 6]
        rate = city_series.rate[0]
        assert np.isnan(rate[:5]).all() and rate[5] == 1.0 and rate[6] == pytest.approx(0.5)
        per_market = trend(s, 30, TODAY, by="market")
        assert per_market.tested.shape == (3, 30)
        row = per_market.keys.index(city["jy"])
        assert per_market.labels[row] == "九原农贸市场"
        assert per_market.failed[row].sum() == 1 and per_market.tested[row].sum() == 4
        assert per_market.tested.sum() == 12
        with pytest.raises(UsageError):
            pass_rate_series(s, TestFilter.last_days(7, TODAY), by="day")
        with pytest.raises(UsageError):
            pass_rates(s, "colour", TestFilter.last_days(7, TODAY))
    with pytest.raises(UsageError):
        TestFilter(TODAY, TODAY - timedelta(days=1))


def test_city_kpis_for_a_day(db, city):
    with db.session() as s:
        k = city_kpis(s, TODAY)
        assert (k.samples, k.passed, k.failed, k.markets_tested) == (6, 3, 3, 2)
        assert k.pass_rate == pytest.approx(0.5)
        assert [(g.label, g.failed) for g in k.markets_with_failures] == [("东河农贸市场", 2), ("友谊农贸市场", 1)]
        quiet = city_kpis(s, TODAY - timedelta(days=3))
        assert quiet.samples == 0 and np.isnan(quiet.pass_rate) and quiet.markets_with_failures == []


def test_failure_points_carry_exceedance_weights(db, city):
    with db.session() as s:
        pts = failure_points(s, TestFilter.day(TODAY))
        assert len(pts) == 3
        assert sorted(pts.weight.round(3)) == [1.6, 1.6, 4.0]
        assert set(np.round(pts.lon, 2)) == {109.83, 110.03}
        flat = failure_points(s, TestFilter.day(TODAY), weighted=False)
        assert list(flat.weight) == [1.0, 1.0, 1.0]
        assert len(failure_points(s, TestFilter.day(TODAY, categories=("vegetables",)))) == 1


def test_market_day_samples_show_disposal_and_retest(db, city):
    with db.session() as s:
        failing = [s.get(RapidTest, r.id) for r in market_day_samples(s, city["yy"], TODAY) if r.failed]
        create_failure_tasks(s, failing, ADMIN)
        rows = market_day_samples(s, city["yy"], TODAY)
        assert [r.sample_name for r in rows] == ["豇豆", "韭菜", "鱿鱼", "猪肉"]
        bad = rows[0]
        assert bad.failed and bad.stall == "08" and bad.item_zh == "有机磷和氨基甲酸酯类农药"
        assert (bad.disposal, bad.disposal_kg, bad.disposal_state, bad.retest_state) == ("destroyed", 12.5, "open", "open")
        assert bad.local_time.hour == 7
        assert rows[1].disposal_state is None and rows[2].stall == "09" and rows[3].stall == ""
