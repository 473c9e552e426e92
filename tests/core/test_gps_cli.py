"""``shian gps decode`` and ``shian gps serve`` as a user runs them: real processes, real TCP."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from core.db.models import Position, Vehicle
from core.feeds import jt808
from core.feeds.terminal import Terminal
from tests.conftest import ROOT, shared_data


def shian(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def decode(capsys, hex_frame: str) -> tuple[int, str, str]:
    """``shian gps decode HEX`` through the command line's own entry point, in this process."""
    from desktop.cli import main

    code = main(["gps", "decode", hex_frame])
    out = capsys.readouterr()
    return code, out.out, out.err


def _vector(vid: str) -> dict:
    data = json.loads(shared_data("jt808", "jt808_vectors.json").read_text(encoding="utf-8"))
    return next(v for v in data["vectors"] if v["id"] == vid)


def test_decode_location_prints_one_json_object(capsys):
    vec = _vector("traccar-huabao-31")  # southern and western hemisphere
    code, out, err = decode(capsys, vec["hex"])
    assert code == 0, err
    assert out.count("\n") == 1
    d = json.loads(out)
    assert (d["msg_id"], d["phone"], d["seq"]) == ("0x0200", "001401249917", 7)
    assert (d["lat"], d["lon"]) == (-19.591535, -46.912186)
    assert (d["altitude_m"], d["speed_kmh"], d["direction"]) == (0, 0.0, 0)
    assert d["time"] == "2015-01-01T19:42:57+08:00"
    assert (d["alarm"], d["status"]) == (0, 16398)
    assert d["extras"] == [{"id": "0x01", "hex": "00000077", "name": "mileage_km", "value": 11.9}]


def test_decode_batch_registration_and_authentication(capsys):
    batch = json.loads(decode(capsys, _vector("traccar-huabao-19")["hex"])[1])
    assert batch["msg_id"] == "0x0704" and len(batch["locations"]) == 4
    assert batch["locations"][0]["lat"] == 23.169734
    reg = json.loads(decode(capsys, _vector("smallchi-0x0100-2019")["hex"])[1])
    assert (reg["province"], reg["city"], reg["maker"], reg["model"], reg["terminal_id"], reg["plate_color"],
            reg["plate"]) == (40, 50, "1234", "smallchi123", "CHI123", 1, "粤A12345")
    auth = json.loads(decode(capsys, _vector("go-jt808-0x0102-2013")["hex"])[1])
    assert auth["auth_code"] == "987654321"


@pytest.mark.parametrize("frame, reason", [
    ("smallchi-0x0200-bad-checksum-unknown-items", "checksum"),
    ("7E0002000012345678201300017D03387E", "escape"),
    ("7E000200011234567820130001397E", "length"),
])
def test_bad_frames_exit_2_with_the_reason(capsys, frame, reason):
    hex_frame = _vector(frame)["hex"] if frame.startswith("smallchi") else frame
    code, out, err = decode(capsys, hex_frame)
    assert code == 2
    assert out == ""
    assert reason in err


def test_decode_exit_code_from_a_real_process():
    out = shian("gps", "decode", "7E000200001234567820130001397E")
    assert out.returncode == 2 and "checksum" in out.stderr


def test_serve_as_a_process_on_a_free_port(sqlite_db):
    with sqlite_db.session() as s:
        s.add(Vehicle(plate="蒙B55555", kind="banquet_truck", terminal_phone="013955555555"))
    proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", "gps", "serve", "--port", "0",
                             "--db", sqlite_db.url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert line.startswith("listening on 127.0.0.1:")
        port = int(line.rsplit(":", 1)[1])

        async def drive():
            t = Terminal("013955555555", timeout=20)
            await t.connect("127.0.0.1", port)
            await t.register("蒙B55555")
            await t.authenticate()
            loc = jt808.Location(40.6, 109.8, jt808.decode(bytes.fromhex(_vector("traccar-huabao-31")["hex"])).body.location.time)
            result = await t.report(loc)
            await t.close()
            return result

        assert asyncio.run(drive()) == jt808.REPLY_OK
    finally:
        proc.terminate()
        proc.wait(30)
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Position)) == 1


def test_serve_refuses_a_port_in_use(sqlite_db):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        out = shian("gps", "serve", "--port", str(sock.getsockname()[1]), "--db", sqlite_db.url)
    assert out.returncode == 2
    assert "cannot listen" in out.stderr
