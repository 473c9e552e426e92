"""The ``shian`` command line as a user runs it: a real process, real exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHIAN = [sys.executable, "-m", "desktop.cli"]


def run(*args, **kw):
    return subprocess.run([*SHIAN, *args], capture_output=True, text=True, timeout=300, **kw)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("shian ")


def test_coords_convert_prints_seven_decimals():
    r = run("coords", "convert", "--from", "wgs84", "--to", "gcj02", "109.8346293", "40.6562212")
    assert r.returncode == 0
    lon, lat = r.stdout.split()
    assert len(lon.split(".")[1]) == 7 and abs(float(lon) - 109.8403529) < 5e-5 and abs(float(lat) - 40.6573834) < 5e-5
    bad = run("coords", "convert", "--from", "wgs84", "--to", "utm", "1", "2")
    assert bad.returncode == 2 and "unknown coordinate system" in bad.stderr


def test_demo_then_exports_have_the_figures_and_a_bad_import_changes_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    r = run("demo", "--db", db, "--scale", "0.05", "--seed", "42")
    assert r.returncode == 0, r.stderr
    assert "synthetic" in r.stdout
    out = tmp_path / "markets.geojson"
    assert run("export", "markets", str(out), "--db", db).returncode == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == round(46 * 0.05) + round(53 * 0.05)
    csv = tmp_path / "markets.csv"
    run("export", "markets", str(csv), "--db", db)
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    header, first = lines[0], lines[1].split(",")
    first[1] = "改名后不该保存"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([header, ",".join(first), "X1,,farmers,109.8,40.6,,,,,"]) + "\n", encoding="utf-8")
    r = run("import", "markets", str(bad), "--db", db)
    assert r.returncode != 0 and "row 3" in r.stderr and "nothing was imported" in r.stderr
    again = tmp_path / "again.csv"
    run("export", "markets", str(again), "--db", db)
    assert again.read_text(encoding="utf-8-sig") == csv.read_text(encoding="utf-8-sig")


def test_unknown_file_is_a_clear_error(tmp_path):
    r = run("import", "markets", str(tmp_path / "nope.csv"), "--db", f"sqlite:///{tmp_path / 'y.db'}")
    assert r.returncode != 0 and "no such file" in r.stderr


def test_headless_commands_do_not_load_qt():
    code = ("import sys; from desktop.cli import main; main(['coords','convert','--from','wgs84','--to','bd09','110','40']);"
            "bad=[m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','widgets'))]; print(bad); sys.exit(bool(bad))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("args", [["import", "restaurants", "x.csv"], ["export", "markets"]])
def test_usage_errors_exit_2(args):
    assert run(*args).returncode == 2
