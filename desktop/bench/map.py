"""``shian bench map [--scale S] [--json] [--live N]``: map frames over the real demo city.

Builds (once, cached in the user data folder as ``bench/demo_<S>.db``) or reuses a demo database
at scale S, reads every layer through the desktop's own code (``desktop.panels.map_data`` in,
``desktop.panels.map_layers`` onto a canvas), and renders offscreen at 1920×1080 over a fixed
script of drags, wheel notches and arrow keys at city, district and street zoom. Each frame's
time covers what a user waits for: handling the input, the level-of-detail and label work, and
the paint (``widgets.map_canvas.frame_timing``). With ``--live N`` it then times frames while N
simulated vehicles report at 1 Hz (``desktop.bench.map_live``).
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

BUDGET_P95_MS = {1.0: 16.0, 10.0: 33.0}  # DESIGN.md §6
SIZE = (1920, 1080)
SEED = 42


def add_arguments(p) -> None:
    p.add_argument("--repeats", type=int, default=2, metavar="N", help="map: runs of the frame script")


def bench_database(scale: float, progress=print) -> str:
    """The URL of a demo database at ``scale``, built on first use and kept for the next run."""
    from core.db.engine import Database, data_dir
    from core.demo import build_demo

    if scale <= 0:
        raise ValueError("--scale must be positive")
    folder = data_dir() / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo_{scale:g}.db"
    if not path.exists():
        building = path.with_name(path.name + ".building")
        for leftover in folder.glob(building.name + "*"):
            leftover.unlink()
        progress(f"building the demo city at scale {scale:g} in {path} (once) …")
        t0 = time.perf_counter()
        db = Database(f"sqlite:///{building}")
        try:
            build_demo(db, scale=scale, seed=SEED, force=True)
        except RuntimeError as exc:  # the generator's name pools are finite
            db.dispose()
            if scale <= 1 or scale != int(scale):
                raise
            for leftover in folder.glob(building.name + "*"):
                leftover.unlink()
            progress(f"  the demo builder stopped ({exc}); copying the scale-1 city {scale:g} times instead")
            shutil.copy(Path(bench_database(1.0, progress).split("///", 1)[1]), building)
            db = Database(f"sqlite:///{building}")
            replicate_city(db, int(scale))
        db.dispose()
        os.replace(building, path)  # only a finished database gets the real name
        progress(f"built in {time.perf_counter() - t0:.0f} s")
    return f"sqlite:///{path}"


# the mapped tables, parents first: (table, unique text columns, foreign keys to copied tables)
_COPIED = (
    ("vendor_zone", ("code",), ()),
    ("market", ("code",), ()),
    ("business", ("licence_no", "qr_token"), ()),
    ("stall", ("code",), (("zone_id", "vendor_zone"), ("market_id", "market"))),
    ("camera", ("code",), (("business_id", "business"),)),
    ("test_lab", ("code",), (("market_id", "market"),)),
)


def replicate_city(db, copies: int, seed: int = SEED) -> None:
    """Make a city ``copies`` times as dense: every mapped place again, ``copies - 1`` times, a few
    hundred metres from the original (ids, codes and licence numbers made unique). Only for the
    bench, when the demo builder cannot reach the scale itself."""
    import numpy as np
    import shapely
    from sqlalchemy import MetaData, func, insert, select

    rng = np.random.default_rng(seed)
    meta = MetaData()
    meta.reflect(db.engine, only=[t for t, _, _ in _COPIED])
    with db.engine.begin() as conn:
        offsets = {t: int(conn.scalar(select(func.max(meta.tables[t].c.id))) or 0) for t, _, _ in _COPIED}
        for k in range(1, copies):
            for table, unique, fks in _COPIED:
                tab = meta.tables[table]
                rows = [dict(r._mapping) for r in conn.execute(select(tab).where(tab.c.id <= offsets[table]))]
                if not rows:
                    continue
                dlon = rng.normal(0, 0.004, len(rows))
                dlat = rng.normal(0, 0.003, len(rows))
                for i, r in enumerate(rows):
                    r["id"] += k * offsets[table]
                    for col in unique:
                        r[col] = f"{r[col]}-{k}"
                    for col, parent in fks:
                        if r.get(col) is not None:
                            r[col] += k * offsets[parent]
                    for col in ("lon", "min_lon", "max_lon"):
                        if r.get(col) is not None:
                            r[col] += dlon[i]
                    for col in ("lat", "min_lat", "max_lat"):
                        if r.get(col) is not None:
                            r[col] += dlat[i]
                    if r.get("geom") is not None:
                        g = shapely.from_wkb(r["geom"])
                        r["geom"] = shapely.to_wkb(shapely.transform(g, lambda xy, d=(dlon[i], dlat[i]): xy + d))
                conn.execute(insert(tab), rows)


def _offscreen_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def load_city(url: str):
    """A canvas with the city's layers, read and prepared as the desktop does; and the timings."""
    from core.db.engine import Database
    from desktop.panels.map_data import READERS
    from desktop.panels.map_layers import CityLayers
    from widgets.map_canvas import MapCanvas
    from widgets.map_canvas.frame_timing import prepare_offscreen

    canvas = MapCanvas()
    city = CityLayers(canvas)
    db = Database(url)
    t0 = time.perf_counter()
    data = {lid: read(db) for lid, read in READERS.items()}
    t1 = time.perf_counter()
    now = datetime.now(UTC)
    for lid, d in data.items():
        city.apply(lid, d, now)
    prepare_offscreen(canvas, SIZE)  # until every layer's level of detail is built
    t2 = time.perf_counter()
    db.dispose()
    return canvas, city, {"read_s": round(t1 - t0, 3), "prepare_s": round(t2 - t1, 3)}


def run(args) -> dict:
    from widgets.map_canvas.frame_timing import BAOTOU_CENTRE, default_script, measure_frames

    scale = float(getattr(args, "scale", 1.0) or 1.0)
    url = getattr(args, "db", None) or bench_database(scale, progress=lambda m: print(m, flush=True))
    _offscreen_app()
    canvas, city, timings = load_city(url)
    repeats = max(1, int(getattr(args, "repeats", 2) or 1))
    measure_frames(canvas, default_script(BAOTOU_CENTRE, *SIZE), size=SIZE)  # warm-up: sprites, label cache
    report = measure_frames(canvas, default_script(BAOTOU_CENTRE, *SIZE), size=SIZE, repeats=repeats)
    out = {"scale": scale, "features": city.feature_count(), "size": f"{SIZE[0]}x{SIZE[1]}",
           "db": Path(url.split("///", 1)[-1]).name if url.startswith("sqlite") else "postgresql", **timings,
           **report.summary()}
    budget = BUDGET_P95_MS.get(scale)
    if budget is not None:
        out["budget_p95_ms"] = budget
    live = int(getattr(args, "live", 0) or 0)
    if live > 0:
        from desktop.bench.map_live import measure_live_fleet

        out["live"] = measure_live_fleet(canvas, vehicles=live, size=SIZE).summary()
    canvas.close()
    canvas.deleteLater()
    return out
