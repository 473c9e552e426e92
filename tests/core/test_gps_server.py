"""The JT/T 808 server over real TCP against a real database, on both engines."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.db.models import ChangeLog, Position, Vehicle
from core.feeds import jt808
from core.feeds.gps_server import ServerThread, phone_candidates
from core.feeds.terminal import Terminal, TerminalError

T0 = datetime(2025, 6, 1, 9, 0, tzinfo=jt808.CST)


def _vehicle(db, plate="蒙B12345", phone="013900000001", **kw) -> int:
    with db.session() as s:
        v = Vehicle(plate=plate, kind="banquet_truck", terminal_phone=phone, **kw)
        s.add(v)
        s.flush()
        return v.id


def _fix(i: int, **kw) -> jt808.Location:
    base = dict(lat=40.65 + i * 0.001, lon=109.84 + i * 0.001, time=T0 + timedelta(seconds=10 * i),
                speed_kmh=36.0, direction=90, extras=(jt808.extra(0x01, 1234.5),))
    return jt808.Location(**{**base, **kw})


def _positions(db, vehicle_id):
    with db.session() as s:
        return list(s.scalars(select(Position).where(Position.vehicle_id == vehicle_id).order_by(Position.time)))


def run(coro):
    return asyncio.run(coro)


async def _connected(port: int, phone: str, version=None) -> Terminal:
    t = Terminal(phone, version=version, timeout=15)
    await t.connect("127.0.0.1", port)
    return t


def test_registered_terminal_reports_are_stored_and_move_the_vehicle(db):
    vid = _vehicle(db)
    fixes = [_fix(0), _fix(1), _fix(2, status=0), _fix(3, lat=95.0), _fix(4, time=None)]

    async def session(port):
        t = await _connected(port, "013900000001")
        code = await t.register("蒙B12345", terminal_id="T-77")
        await t.authenticate()
        results = [await t.report(f) for f in fixes]
        await t.close()
        return code, results

    with ServerThread(db) as srv:
        code, results = run(session(srv.port))
    assert results == [jt808.REPLY_OK] * 5
    rows = _positions(db, vid)
    assert len(rows) == 5
    by_lat = {round(r.lat, 3): r for r in rows}
    assert by_lat[40.65].valid and by_lat[40.651].valid
    assert not by_lat[40.652].valid  # no fix flag
    assert not by_lat[95.0].valid  # off the globe, kept as sent
    assert by_lat[40.651].mileage_km == pytest.approx(1234.5)
    assert by_lat[40.651].speed_kmh == pytest.approx(36.0)
    assert by_lat[40.651].time == (T0 + timedelta(seconds=10)).astimezone(UTC)
    assert all(r.source == "jt808" and r.received_at is not None for r in rows)
    with db.session() as s:
        v = s.get(Vehicle, vid)
        assert v.auth_code == code and v.terminal_id == "T-77"
        # The last *valid* fix, not the invalid ones that came after it, nor the time-less one.
        assert (v.last_lat, v.last_lon) == (pytest.approx(40.651), pytest.approx(109.841))
        assert v.last_time == (T0 + timedelta(seconds=10)).astimezone(UTC)
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.entity == "vehicle", ChangeLog.op == "bulk")) >= 1


def test_unknown_or_unauthenticated_terminals_store_nothing(db):
    vid = _vehicle(db)

    async def session(port):
        unknown = await _connected(port, "013999999999")
        with pytest.raises(TerminalError, match="result 4"):
            await unknown.register("蒙B99999")
        refused_unknown = await unknown.report(_fix(0))
        known = await _connected(port, "013900000001")
        refused_before_auth = await known.report(_fix(1))
        await known.register("蒙B12345")
        with pytest.raises(TerminalError, match="result 1"):
            await known.authenticate("not-the-code")
        refused_bad_code = await known.report(_fix(2))
        for t in (unknown, known):
            await t.close()
        return refused_unknown, refused_before_auth, refused_bad_code

    with ServerThread(db) as srv:
        results = run(session(srv.port))
    assert results == (jt808.REPLY_FAILURE,) * 3
    assert _positions(db, vid) == []


def test_auth_code_outlives_the_connection_and_logout_voids_it(db):
    vid = _vehicle(db, phone="13900000002")  # stored without the leading zero the terminal sends

    async def session(port):
        first = await _connected(port, "013900000002")
        code = await first.register("蒙B12345")
        await first.close()
        again = await _connected(port, "013900000002")
        await again.authenticate(code)  # a later connection authenticates without registering
        stored = await again.report(_fix(0))
        logout = await again.request(jt808.Logout())
        await again.close()
        third = await _connected(port, "013900000002")
        with pytest.raises(TerminalError):
            await third.authenticate(code)
        await third.close()
        return stored, logout.result

    with ServerThread(db) as srv:
        stored, logout = run(session(srv.port))
    assert (stored, logout) == (jt808.REPLY_OK, jt808.REPLY_OK)
    assert len(_positions(db, vid)) == 1


def test_a_bad_frame_is_dropped_and_the_connection_keeps_serving(db):
    vid = _vehicle(db)

    async def session(port):
        t = await _connected(port, "013900000001")
        await t.register("蒙B12345")
        await t.authenticate()
        good = jt808.encode(jt808.LocationReport(_fix(0)), "013900000001", 900)
        t.send_frame(good[:-2] + bytes((good[-2] ^ 0x55,)) + good[-1:])  # bad check code
        t.send_frame(b"\x7e\x7d\x03\x7e")  # bad escape
        t.send_frame(b"\x7e" + b"\x02\x00\x00\x05" + bytes(9) + b"\x7e")  # bad length
        result = await t.report(_fix(1))
        beat = await t.request(jt808.Heartbeat())
        other = await t.request(jt808.RawBody(0x0900, b"\x01\x02"))
        await t.close()
        return result, beat.result, other.result

    with ServerThread(db) as srv:
        result, beat, other = run(session(srv.port))
        bad = srv.server.stats.bad_frames
    assert (result, beat, other) == (jt808.REPLY_OK, jt808.REPLY_OK, jt808.REPLY_UNSUPPORTED)
    assert bad == 3
    assert [round(p.lat, 3) for p in _positions(db, vid)] == [40.651]


def test_2019_terminal_batch_upload_is_stored(db):
    vid = _vehicle(db, phone="00000000013900000003")

    async def session(port):
        t = await _connected(port, "00000000013900000003", version=jt808.VERSION_2019)
        await t.register("蒙B12345")
        await t.authenticate()
        reply = await t.request(jt808.LocationBatch(1, tuple(_fix(i) for i in range(6))))
        await t.close()
        return reply

    with ServerThread(db) as srv:
        reply = run(session(srv.port))
    assert (reply.reply_id, reply.result) == (0x0704, jt808.REPLY_OK)
    assert len(_positions(db, vid)) == 6


def test_a_batch_in_sub_packages_is_reassembled_and_every_packet_answered(sqlite_db):
    vid = _vehicle(sqlite_db)
    batch = jt808.LocationBatch(0, tuple(_fix(i) for i in range(12)))

    async def session(port):
        t = await _connected(port, "013900000001")
        await t.register("蒙B12345")
        await t.authenticate()
        frames = jt808.encode_packets(batch, "013900000001", 500, max_body=120)
        waits = []
        for k, frame in enumerate(frames):
            fut = asyncio.get_running_loop().create_future()
            t._waiting[500 + k] = fut
            waits.append(fut)
            t.send_frame(frame)
        async with asyncio.timeout(15):
            replies = [await w for w in waits]
        await t.close()
        return len(frames), replies

    with ServerThread(sqlite_db) as srv:
        n, replies = run(session(srv.port))
    assert n > 2
    assert [r.result for r in replies] == [jt808.REPLY_OK] * n
    assert replies[-1].reply_id == 0x0704
    assert len(_positions(sqlite_db, vid)) == 12


def test_idle_connection_is_closed(sqlite_db):
    async def session(port):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        async with asyncio.timeout(5):
            data = await reader.read(100)
        writer.close()
        return data

    with ServerThread(sqlite_db, idle_timeout=0.3) as srv:
        assert run(session(srv.port)) == b""
        assert srv.server.stats.idle_closed == 1


def test_many_concurrent_terminals(sqlite_db):
    n = 200
    with sqlite_db.session() as s:
        for i in range(n):
            s.add(Vehicle(plate=f"蒙B{i:05d}", kind="test_vehicle", terminal_phone=f"0139{i:08d}"))

    async def one(port, i):
        t = await _connected(port, f"0139{i:08d}")
        await t.register(f"蒙B{i:05d}")
        await t.authenticate()
        for k in range(5):
            t.report_nowait(jt808.LocationReport(_fix(k)))
        await t.wait_acked(5)
        await t.close()
        return t.acked

    async def fleet(port):
        return await asyncio.gather(*(one(port, i) for i in range(n)))

    with ServerThread(sqlite_db) as srv:
        acked = run(fleet(srv.port))
        assert srv.server.stats.connections == n
    assert acked == [5] * n
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Position)) == 5 * n


def test_phone_spellings():
    assert "13900000002" in phone_candidates("013900000002")
    assert "013900000002" in phone_candidates("00000000013900000002")
    assert "00000000013900000002" in phone_candidates("13900000002")
