"""MBTiles: rows are stored TMS-style (from the south) and read back under XYZ keys."""

import sqlite3

import pytest

from gis.tiles.mbtiles import MBTilesError, MBTilesSource, mbtiles
from gis.tiles.tilemath import TileKey


def _write(path, rows, fmt="png"):
    """Rows are (z, column, TMS row, data), as MBTiles writers store them."""
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE metadata (name TEXT, value TEXT);"
                      "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);")
    con.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "Baotou offline"), ("format", fmt),
                                                           ("attribution", "© test")])
    con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
    con.commit()
    con.close()


def test_xyz_row_is_flipped_to_the_tms_row(tmp_path):
    path = tmp_path / "city.mbtiles"
    # at zoom 2 the XYZ row 0 (northmost) is TMS row 3
    _write(path, [(2, 1, 3, b"\x89PNG north"), (2, 1, 0, b"\x89PNG south")])
    src = MBTilesSource(path)
    assert src.load(TileKey(2, 1, 0)) == b"\x89PNG north"
    assert src.load(TileKey(2, 1, 3)) == b"\x89PNG south"
    assert src.load(TileKey(2, 2, 2)) is None
    assert (src.min_zoom, src.max_zoom) == (2, 2)
    assert mbtiles(path).attribution == "© test"


def test_a_file_that_is_not_mbtiles_is_refused_clearly(tmp_path):
    bad = tmp_path / "notes.mbtiles"
    bad.write_text("hello")
    with pytest.raises(MBTilesError, match="not an MBTiles"):
        MBTilesSource(bad)
    with pytest.raises(MBTilesError, match="no MBTiles file"):
        MBTilesSource(tmp_path / "missing.mbtiles")


def test_vector_tiles_are_refused(tmp_path):
    path = tmp_path / "vector.mbtiles"
    _write(path, [(0, 0, 0, b"\x1a\x00")], fmt="pbf")
    with pytest.raises(MBTilesError, match="pbf"):
        MBTilesSource(path)
