"""``shian export KIND OUT``: GeoJSON, GPKG, CSV or XLSX by the file's extension, always WGS-84."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.auth import Actor
from core.db.engine import Database
from core.errors import UsageError
from core.io.importer import kind_named

FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG", ".csv": "CSV", ".xlsx": "XLSX"}


def export_file(db: Database, kind_name: str, out: str | Path, actor: Actor) -> int:
    actor.require("export_data")
    kind = kind_named(kind_name)
    out = Path(out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"{out}: unknown format {out.suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    with db.session() as session:
        rows, geoms = kind.export(session)
    out.parent.mkdir(parents=True, exist_ok=True)
    df = pd.DataFrame(rows, columns=[c for c in (rows[0].keys() if rows else [c.name for c in kind.columns])])
    if fmt == "CSV":
        df.to_csv(out, index=False, encoding="utf-8-sig")
    elif fmt == "XLSX":
        df.to_excel(out, index=False, sheet_name=kind.name[:31])
    else:
        import geopandas as gpd

        if geoms is None:
            lon = "lon" if "lon" in df else "home_lon" if "home_lon" in df else None
            if lon is None:
                geoms = [None] * len(df)
            else:
                lat = lon.replace("lon", "lat")
                geoms = gpd.points_from_xy(pd.to_numeric(df[lon]), pd.to_numeric(df[lat]))
        gdf = gpd.GeoDataFrame(df.drop(columns=["wkt"], errors="ignore"), geometry=geoms, crs="EPSG:4326")
        if out.exists():
            out.unlink()
        gdf.to_file(out, driver=fmt, layer=kind.name.replace("-", "_") if fmt == "GPKG" else None)
    return len(df)
