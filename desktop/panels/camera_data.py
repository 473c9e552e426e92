"""What the camera panel reads: every camera with its business and district (for the tree and the
wall), off the GUI thread as plain rows. Addresses stay inside ``CameraRow.url``; what is shown is
built with ``mask_url``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from core.db.engine import Database
from core.db.models import Business, Camera, District
from core.vision.urls import mask_url
from desktop.panels.camera_sources import CameraSpec
from widgets.camera_tree import CameraEntry
from widgets.video_wall import CameraRef


@dataclass(frozen=True)
class CameraRow:
    id: int
    code: str
    name: str
    area: str
    state: str
    url: str  # may hold a password: only for opening the stream
    closed_from: str
    closed_to: str
    business_id: int | None
    business: str
    district: str
    lon: float | None
    lat: float | None
    shown: str = ""  # what tooltips say: code, business and the address with its password masked

    def ref(self) -> CameraRef:
        return CameraRef(self.id, self.name, self.shown)

    def entry(self) -> CameraEntry:
        return CameraEntry(self.id, self.name, self.area, self.state, self.business_id, self.business, self.district,
                           self.shown)

    def spec(self) -> CameraSpec:
        return CameraSpec(self.id, self.url, self.name, f"{self.closed_from}-{self.closed_to}")


def _shown(code: str, business: str, url: str) -> str:
    lines = [f"{code} · {business}" if business else code]
    if url:
        lines.append(mask_url(url))
    return "\n".join(lines)


def read_cameras(db: Database) -> list[CameraRow]:
    """Every enabled camera, by id (with its tooltip text made here, off the GUI thread)."""
    q = (select(Camera.id, Camera.code, Camera.name, Camera.area, Camera.state, Camera.url, Camera.closed_from,
                Camera.closed_to, Camera.business_id, Business.name, District.name, Camera.lon, Camera.lat)
         .outerjoin(Business, Business.id == Camera.business_id)
         .outerjoin(District, District.id == Business.district_id)
         .where(Camera.enabled.is_(True)).order_by(Camera.id))
    with db.session() as s:
        return [CameraRow(r[0], r[1], r[2], r[3] or "", r[4] or "unknown", r[5] or "", r[6] or "22:00", r[7] or "06:00",
                          r[8], r[9] or "", r[10] or "", r[11], r[12], _shown(r[1], r[9] or "", r[5] or ""))
                for r in s.execute(q)]


def read_states(db: Database) -> dict[int, str]:
    """Each camera's stored state (the vision workers keep it), for the tree's colours."""
    with db.session() as s:
        return dict(s.execute(select(Camera.id, Camera.state).where(Camera.enabled.is_(True))).all())
