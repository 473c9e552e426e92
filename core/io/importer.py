"""``shian import KIND FILE``: validate the whole file, then write it in one transaction.

Every bad row is reported with its number and reason and nothing is written unless every row is
good. Rows update existing records by natural key, so importing the same file again changes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core import audit
from core.auth import Actor
from core.db.engine import Database
from core.errors import ImportRejected, RowError, UsageError
from core.io.kinds import KINDS
from core.io.readers import read_rows
from core.io.spec import Context, Kind


@dataclass
class ImportReport:
    kind: str
    path: str
    rows: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.path}: {self.rows} row(s) of {self.kind}: {self.inserted} new, {self.updated} updated, "
                f"{self.unchanged} unchanged")
        return "\n".join([text, *self.notes])


def kind_named(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UsageError(f"unknown kind {name!r}; kinds are: {', '.join(KINDS)}") from None


def _same(a, b) -> bool:
    """Equal as stored: floats to 1e-9 (spreadsheets keep 15 significant digits)."""
    if isinstance(a, shapely.Geometry) or isinstance(b, shapely.Geometry):
        return a is not None and b is not None and a.equals_exact(b, 1e-9)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)
    return a == b


def _upsert(session, kind: Kind, records: list[tuple[int, dict]], ctx: Context) -> tuple[int, int, list]:
    key = kind.key
    by_key: dict = {}
    problems = []
    for number, rec in records:
        k = rec[key]
        if k in by_key:
            first_no, first = by_key[k]
            if any(not _same(first.get(c), rec.get(c)) for c in rec):
                problems.append((number, f"{key} {k!r} also on row {first_no} with different values"))
            continue
        by_key[k] = (number, rec)
    if problems:
        return 0, 0, problems
    model = kind.model
    col = getattr(model, key)
    keys = list(by_key)
    existing = {}
    for i in range(0, len(keys), 900):
        existing.update({getattr(o, key): o for o in session.scalars(select(model).where(col.in_(keys[i:i + 900])))})
    inserted = updated = 0
    for k, (_number, rec) in by_key.items():
        obj = existing.get(k)
        if obj is None:
            values = kind.on_insert(rec, ctx) if kind.on_insert else rec
            session.add(model(**values))
            inserted += 1
        elif any(not _same(getattr(obj, c), v) for c, v in rec.items()):
            for c, v in rec.items():
                setattr(obj, c, v)
            updated += 1
    return inserted, updated, []


def import_file(db: Database, kind_name: str, path: str | Path, actor: Actor, source_crs: str = "wgs84") -> ImportReport:
    actor.require("import_data")
    kind = kind_named(kind_name)
    rows = read_rows(path, source_crs)
    if not rows:
        raise ImportRejected(str(path), [(1, "the file has no data rows")])
    present = set()
    for r in rows[:50]:
        present |= set(kind.canonical(r).values)
    missing = [c.name for c in kind.columns if c.required and c.name not in present
               and not (c.name in ("lon", "lat", "wkt") and rows[0].geometry is not None)]
    if missing:
        raise ImportRejected(str(path), [(1, f"missing column(s): {', '.join(missing)} "
                                             f"(see docs/import-formats.md)")])
    report = ImportReport(kind.name, str(path), len(rows))
    with db.session() as session:
        ctx = Context(session, source_crs)
        records, problems = [], []
        for raw in rows:
            row = kind.canonical(raw)
            try:
                records.append((row.number, kind.parse(row, ctx)))
            except RowError as exc:
                problems.append((row.number, str(exc)))
        if problems:
            raise ImportRejected(str(path), problems)
        writer = kind.apply or (lambda s, recs, c: _upsert(s, kind, recs, c))
        inserted, updated, problems = writer(session, records, ctx)
        if problems:
            raise ImportRejected(str(path), problems)
        try:
            session.flush()
        except IntegrityError as exc:
            raise ImportRejected(str(path), [(0, f"conflicts with data already stored: {exc.orig}")]) from None
        if kind.after_write:
            kind.after_write(session, records, ctx, actor)
        report.inserted, report.updated = inserted, updated
        groups = len({rec[kind.key] for _, rec in records})
        report.unchanged = groups - inserted - updated
        if kind.name == "businesses":
            unmapped = sum(1 for _, rec in records if rec.get("lon") is None)
            if unmapped:
                report.notes.append(f"{unmapped} row(s) have no location: listed, but not on the map")
        audit.record(session, actor, f"import.{kind.name}", entity=kind.model.__tablename__,
                     after={"file": Path(path).name, "rows": len(rows), "inserted": inserted, "updated": updated})
    return report
