"""Reading registry files into rows. Every value arrives as text; geometry as shapely in WGS-84."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core.errors import ShianError
from gis import crs as crsmod

TABULAR = {".csv", ".txt", ".xlsx", ".xlsm"}
SPATIAL = {".geojson", ".json", ".gpkg"}
FORMATS = ", ".join(sorted(TABULAR | SPATIAL))


@dataclass
class Row:
    number: int  # as the user sees it: the spreadsheet row (header is row 1) or the feature number
    values: dict
    geometry: object | None = None


def _cell_text(v) -> str:
    """A spreadsheet cell as text without losing digits (pandas' str cast rounds floats)."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def _header(name) -> str:
    return str(name).strip().lstrip("\ufeff").lower().replace(" ", "_")


def _read_csv(path: Path) -> pd.DataFrame:
    last = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=enc, skipinitialspace=True)
        except UnicodeDecodeError as exc:
            last = exc
        except pd.errors.ParserError as exc:
            raise ShianError(f"{path}: not a readable CSV file ({exc})") from None
        except pd.errors.EmptyDataError:
            raise ShianError(f"{path}: the file is empty") from None
    raise ShianError(f"{path}: unknown text encoding ({last})")


def read_rows(path: str | Path, source_crs: str = "wgs84") -> list[Row]:
    """Rows of a file. Geometry of GeoJSON/GPKG features is converted to WGS-84 here; lon/lat
    columns of tabular files are converted by the importer, which knows which columns they are."""
    path = Path(path)
    if not path.exists():
        raise ShianError(f"{path}: no such file")
    ext = path.suffix.lower()
    source_crs = crsmod.normalize_crs(source_crs)
    if ext in (".csv", ".txt"):
        df = _read_csv(path)
        first = 2
    elif ext in (".xlsx", ".xlsm"):
        try:
            df = pd.read_excel(path, dtype=object, keep_default_na=False, engine="openpyxl").map(_cell_text)
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise ShianError(f"{path}: not a readable XLSX workbook ({exc})") from None
        first = 2
    elif ext in SPATIAL:
        import geopandas as gpd

        try:
            gdf = gpd.read_file(path)
        except Exception as exc:  # pyogrio raises DataSourceError and friends
            raise ShianError(f"{path}: not a readable {ext[1:].upper()} file ({exc})") from None
        if gdf.crs is not None and gdf.crs.to_epsg() not in (4326, None) and source_crs == crsmod.WGS84:
            gdf = gdf.to_crs(4326)
        geoms = list(gdf.geometry)
        df = pd.DataFrame(gdf.drop(columns=gdf.geometry.name)).astype(object).where(lambda d: d.notna(), "")
        df.columns = [_header(c) for c in df.columns]
        rows = []
        for i, (rec, g) in enumerate(zip(df.to_dict("records"), geoms, strict=True), start=1):
            if g is not None and not g.is_empty and source_crs != crsmod.WGS84:
                g = crsmod.transform_geometry(g, source_crs, crsmod.WGS84)
            rows.append(Row(i, {k: ("" if v is None else str(v)) for k, v in rec.items()},
                            None if g is None or g.is_empty else g))
        return rows
    else:
        raise ShianError(f"{path}: unsupported file type {ext or '(none)'}; use one of {FORMATS}")
    df.columns = [_header(c) for c in df.columns]
    return [Row(i, rec) for i, rec in enumerate(df.to_dict("records"), start=first)]
