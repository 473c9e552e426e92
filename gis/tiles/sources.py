"""Where basemap tiles come from: HTTP XYZ/WMTS services and local MBTiles files.

A *source* loads the bytes of one tile, or says it has none (``None``); any other failure
raises ``TileError`` with a message fit for a status bar (keys are never shown). A *basemap*
is a named stack of sources drawn bottom to top, e.g. Tianditu's road map plus its separate
annotation layer. Provider URLs come from xyzservices where it has them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Protocol

import xyzservices.providers as xyz

from gis.tiles.tilemath import TileKey

USER_AGENT = "shian-food-safety-map/0.1 (desktop GIS)"
_KEY_PARAM = re.compile(r"(tk|key|token|access_token|apikey)=[^&\s]+", re.IGNORECASE)


class TileError(RuntimeError):
    """A tile could not be loaded for a reason other than "this tile does not exist"."""


def redact(text: str) -> str:
    """Hide API keys in URLs before they reach a log, an error or the screen."""
    return _KEY_PARAM.sub(lambda m: f"{m.group(1)}=***", text)


def looks_like_image(data: bytes) -> bool:
    """Services that fail (bad key, quota exhausted) often answer 200 with an XML or HTML page."""
    return (
        data.startswith(b"\x89PNG")
        or data.startswith(b"\xff\xd8")
        or data.startswith(b"GIF8")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
    )


class TileSource(Protocol):
    id: str  # stable; names the disk-cache folder
    min_zoom: int
    max_zoom: int
    attribution: str

    def load(self, key: TileKey) -> bytes | None: ...


@dataclass(frozen=True)
class HttpTileSource:
    """An XYZ (or WMTS-as-XYZ) service; ``url`` has {x} {y} {z} and optionally {s}."""

    id: str
    url: str
    min_zoom: int = 0
    max_zoom: int = 18
    subdomains: tuple[str, ...] = ()
    attribution: str = ""
    timeout_s: tuple[float, float] = (3.0, 10.0)  # connect, read
    _local: threading.local = field(default_factory=threading.local, repr=False, compare=False)

    def __post_init__(self):
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", self.id):
            raise ValueError(f"tile source id {self.id!r} must be letters, digits, '.', '_' or '-'")
        missing = [p for p in ("{x}", "{y}", "{z}") if p not in self.url]
        if missing:
            raise ValueError(f"tile URL {redact(self.url)!r} lacks {', '.join(missing)}")
        if "{s}" in self.url and not self.subdomains:
            raise ValueError(f"tile URL {redact(self.url)!r} uses {{s}} but no subdomains are given")

    def url_for(self, key: TileKey) -> str:
        sub = self.subdomains[(key.x + key.y) % len(self.subdomains)] if self.subdomains else ""
        return self.url.format(x=key.x, y=key.y, z=key.z, s=sub)

    def _session(self):
        # one keep-alive session per worker thread: requests.Session is not thread-safe
        s = getattr(self._local, "session", None)
        if s is None:
            import requests

            s = requests.Session()
            s.headers["User-Agent"] = USER_AGENT
            self._local.session = s
        return s

    def load(self, key: TileKey) -> bytes | None:
        import requests

        url = self.url_for(key)
        try:
            r = self._session().get(url, timeout=self.timeout_s)
        except requests.Timeout:
            raise TileError(f"{self.id}: timed out") from None
        except requests.RequestException as exc:
            raise TileError(f"{self.id}: {redact(type(exc).__name__)} ({redact(str(exc))[:160]})") from None
        if r.status_code in (204, 404):
            return None
        if r.status_code != 200:
            raise TileError(f"{self.id}: HTTP {r.status_code}")
        if not looks_like_image(r.content):
            raise TileError(f"{self.id}: the service answered with something that is not an image "
                            "(a wrong key or an exhausted quota?)")
        return r.content


@dataclass(frozen=True)
class Basemap:
    """Tile sources drawn bottom to top. ``gcj02`` marks services whose tiles are GCJ-02."""

    id: str
    name: str
    sources: tuple[TileSource, ...]
    gcj02: bool = False

    @property
    def attribution(self) -> str:
        return " | ".join(dict.fromkeys(s.attribution for s in self.sources if s.attribution))


def _from_xyzservices(provider, source_id: str, **overrides) -> HttpTileSource:
    url = provider["url"]
    subdomains = provider.get("subdomains", "")
    kw = dict(
        id=source_id,
        url=url,
        min_zoom=int(provider.get("min_zoom", 0)),
        max_zoom=int(provider.get("max_zoom", 18)),
        subdomains=tuple(subdomains) if isinstance(subdomains, str) else tuple(subdomains),
        attribution=provider.get("attribution", ""),
    )
    kw.update(overrides)
    return HttpTileSource(**kw)


def openstreetmap() -> Basemap:
    src = _from_xyzservices(xyz.OpenStreetMap.Mapnik, "osm")
    return Basemap("osm", "OpenStreetMap", (src,))


def amap() -> Basemap:
    """AMap (Gaode) road map. Its tiles are GCJ-02: vector layers must be shifted to match."""
    src = _from_xyzservices(xyz.Gaode.Normal, "amap", max_zoom=18)
    return Basemap("amap", "高德地图 AMap", (src,), gcj02=True)


_TIANDITU = ("https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
             "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
             "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}")


def tianditu(key: str, kind: str = "vec") -> Basemap:
    """Tianditu (天地图) in Web Mercator: a base layer plus its annotation layer (vec+cva, img+cia).

    Keys have daily quotas; the fetcher only ever asks for tiles in the current view.
    """
    key = (key or "").strip()
    if not key:
        raise ValueError("Tianditu needs an API key (set it in the settings)")
    if not re.fullmatch(r"[A-Za-z0-9]+", key):
        raise ValueError("a Tianditu key is letters and digits only")
    annotation = {"vec": "cva", "img": "cia", "ter": "cta"}.get(kind)
    if annotation is None:
        raise ValueError(f"unknown Tianditu map kind {kind!r}; use vec, img or ter")
    subs = tuple("01234567")
    attribution = "© 天地图 Tianditu"
    base = HttpTileSource(f"tianditu-{kind}", _TIANDITU.format(layer=kind, key=key), 1, 18, subs, attribution)
    note = HttpTileSource(f"tianditu-{annotation}", _TIANDITU.format(layer=annotation, key=key), 1, 18, subs,
                          attribution)
    return Basemap(f"tianditu-{kind}", "天地图 Tianditu", (base, note))


def xyz_basemap(basemap_id: str, name: str, url: str, *, max_zoom: int = 18, gcj02: bool = False,
                attribution: str = "", subdomains: tuple[str, ...] = ()) -> Basemap:
    """Any other XYZ service (an intranet tile server, a test server)."""
    src = HttpTileSource(basemap_id, url, 0, max_zoom, subdomains, attribution)
    return Basemap(basemap_id, name, (src,), gcj02=gcj02)
