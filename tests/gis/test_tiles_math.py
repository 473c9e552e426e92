"""Slippy-map arithmetic: tiles cover the view exactly, ancestors and TMS rows line up."""

import math

import pytest

from gis.crs import lonlat_to_mercator
from gis.tiles.tilemath import (
    WORLD_HALF,
    TileKey,
    lonlat_to_tile,
    parent,
    resolution,
    sub_rect_in_ancestor,
    tile_at,
    tile_bounds,
    tiles_in_extent,
    tms_row,
    zoom_for_resolution,
)


def test_baotou_tile_at_zoom_12_matches_the_osm_formula():
    # OSM wiki: x = floor((lon + 180) / 360 * 2^z), y = floor((1 - asinh(tan(lat)) / pi) / 2 * 2^z)
    lon, lat, z = 109.84, 40.655, 12
    n = 2**z
    x = math.floor((lon + 180) / 360 * n)
    y = math.floor((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    assert lonlat_to_tile(lon, lat, z) == TileKey(z, x, y)


def test_a_point_lies_inside_the_bounds_of_its_tile():
    mx, my = lonlat_to_mercator(109.84, 40.655)
    for z in (0, 5, 12, 18):
        x0, y0, x1, y1 = tile_bounds(tile_at(mx, my, z))
        assert x0 <= mx < x1 and y0 < my <= y1


def test_world_tile_is_the_whole_square():
    assert tile_bounds(TileKey(0, 0, 0)) == pytest.approx((-WORLD_HALF, -WORLD_HALF, WORLD_HALF, WORLD_HALF))


def test_tiles_in_extent_cover_the_view_and_nothing_more():
    mx, my = lonlat_to_mercator(109.9, 40.63)
    z = 13
    res = resolution(z)
    ext = (mx - 960 * res, my - 540 * res, mx + 960 * res, my + 540 * res)
    keys = tiles_in_extent(*ext, z)
    # every tile meets the view
    for k in keys:
        x0, y0, x1, y1 = tile_bounds(k)
        assert x0 < ext[2] and x1 > ext[0] and y0 < ext[3] and y1 > ext[1]
    # and together they cover it: corners and centre are in some tile
    for px, py in ((ext[0], ext[1]), (ext[2] - 1e-6, ext[3] - 1e-6), (mx, my)):
        assert tile_at(px, py, z) in keys
    assert len(keys) <= (1920 // 256 + 2) * (1080 // 256 + 2)


def test_tiles_in_extent_come_centre_first():
    mx, my = lonlat_to_mercator(109.9, 40.63)
    res = resolution(14)
    keys = tiles_in_extent(mx - 900 * res, my - 500 * res, mx + 900 * res, my + 500 * res, 14)
    assert keys[0] == tile_at(mx, my, 14)


def test_an_extent_ending_on_a_tile_edge_does_not_pull_in_the_next_tile():
    x0, y0, x1, y1 = tile_bounds(TileKey(10, 800, 380))
    assert tiles_in_extent(x0, y0, x1, y1, 10) == [TileKey(10, 800, 380)]


def test_parent_and_the_quarter_it_covers():
    k = TileKey(14, 13001, 6115)
    p = parent(k, 2)
    assert p == TileKey(12, 3250, 1528)
    left, top, size = sub_rect_in_ancestor(k, p)
    assert size == 64 and left == (13001 - 3250 * 4) * 64 and top == (6115 - 1528 * 4) * 64
    with pytest.raises(ValueError):
        sub_rect_in_ancestor(k, TileKey(12, 0, 0))
    with pytest.raises(ValueError):
        parent(TileKey(1, 0, 0), 2)


def test_tms_row_flips_and_is_its_own_inverse():
    assert tms_row(0, 0) == 0
    assert tms_row(3, 0) == 7
    assert tms_row(3, tms_row(3, 5)) == 5


def test_zoom_and_resolution_are_inverse():
    assert zoom_for_resolution(resolution(13.37)) == pytest.approx(13.37)
    assert resolution(0) == pytest.approx(156543.03392804097)
    with pytest.raises(ValueError):
        zoom_for_resolution(0)
