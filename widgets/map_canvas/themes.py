"""Light (desk) and dark (wall display) palettes for everything the canvas itself draws.

Layer symbols keep their own colours (they carry meaning: star ratings, online/offline); the
palette covers the offline basemap, labels, the scale bar and overlays so a whole map switches
theme at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    name: str
    background: str  # outside the city: the "sea" of the offline basemap
    land: tuple[str, ...]  # district fills, alternated so neighbours differ
    district_border: str
    district_label: str
    label_text: str
    label_halo: str
    overlay: str  # rubber bands, measure lines
    overlay_fill: str
    selection: str
    scale_text: str
    scale_halo: str
    tile_dim: str  # drawn over raster tiles; transparent for light
    badge_bg: str
    badge_text: str


LIGHT = Palette(
    name="light",
    background="#dfe6ec",
    land=("#f6f4ef", "#f1efe8", "#f4f1e9", "#eeece5"),
    district_border="#9aa7b4",
    district_label="#52606d",
    label_text="#1f2933",
    label_halo="#ffffff",
    overlay="#e4572e",
    overlay_fill="#40e4572e",
    selection="#00b4ff",
    scale_text="#1f2933",
    scale_halo="#ffffff",
    tile_dim="#00000000",
    badge_bg="#d0c0392b",
    badge_text="#ffffff",
)

DARK = Palette(
    name="dark",
    background="#0b1118",
    land=("#17212c", "#1a2531", "#16202a", "#1c2733"),
    district_border="#3f5a73",
    district_label="#8fa6bb",
    label_text="#e6edf3",
    label_halo="#0b1118",
    overlay="#ffb000",
    overlay_fill="#40ffb000",
    selection="#00e5ff",
    scale_text="#e6edf3",
    scale_halo="#0b1118",
    tile_dim="#8c0b1118",
    badge_bg="#d0c0392b",
    badge_text="#ffffff",
)

PALETTES = {"light": LIGHT, "dark": DARK}


def palette(name: str) -> Palette:
    try:
        return PALETTES[name]
    except KeyError:
        raise ValueError(f"unknown map theme {name!r}; use one of {', '.join(PALETTES)}") from None
