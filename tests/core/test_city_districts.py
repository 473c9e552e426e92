"""Loading a city's real districts into the database, on each engine: the city it watches then
names the authority on its public notices and the title of its star list."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from core.db.models import AuditEvent, District, Meta
from core.errors import PermissionDenied
from core.reports.bulletin import write_bulletin
from core.reports.star_list import write_star_list
from core.services.districts import city_name, load_districts, supervising_authority
from tests.core.small_city import ADMIN, ANALYST, add_business, add_district, add_market, add_test, local

DAY = date(2026, 11, 20)


def test_loading_a_citys_districts_records_the_city_and_updates_in_place(db):
    with db.session() as s:
        assert city_name(s) == "" and supervising_authority(s) == "市场监督管理局"
        assert load_districts(s, "150200", ADMIN) == 9
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(District)) == 9
        assert s.get(Meta, "city_name").value == "包头市" and s.get(Meta, "city_adcode").value == "150200"
        assert supervising_authority(s) == "包头市市场监督管理局"
        assert load_districts(s, "150200", ADMIN) == 9  # again: updated, not doubled
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(District)) == 9
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "districts.load")) == 2
        with pytest.raises(PermissionDenied):
            load_districts(s, "150100", ANALYST)


def test_another_citys_notices_carry_its_own_name(db, tmp_path):
    with db.session() as s:  # districts recorded without the city's name (an older database)
        district = add_district(s, "150102", "新城区", lon=111.67, lat=40.86)
        market = add_market(s, "HM0001", "通道街农贸市场", district=district, lon=111.66, lat=40.82)
        add_test(s, market, local(DAY, 8), sample_name="菠菜")
        add_business(s, "呼市烧麦馆", lon=111.66, lat=40.83)
        assert city_name(s) == "呼和浩特市"
        pdf = write_bulletin(s, "HM0001", DAY, tmp_path / "notice.pdf")
        write_star_list(s, tmp_path / "stars.pdf")
        write_star_list(s, tmp_path / "stars.html")
    notice = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "监督单位：呼和浩特市市场监督管理局" in notice
    stars = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "stars.pdf")).pages)
    assert "呼和浩特市餐饮服务单位动态星级评定公示名单" in stars
    assert "<h1>呼和浩特市餐饮服务单位动态星级评定公示名单</h1>" in (tmp_path / "stars.html").read_text(encoding="utf-8")
