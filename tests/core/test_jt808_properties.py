"""Property tests: every message type survives encode → decode, and no byte string makes the
decoder raise anything but a FrameError."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.feeds import jt808

phones12 = st.text("0123456789", min_size=12, max_size=12)
phones20 = st.text("0123456789", min_size=20, max_size=20)
u16 = st.integers(0, 0xFFFF)
u32 = st.integers(0, 0xFFFFFFFF)
# GBK-encodable text (ASCII letters/digits and common plate characters).
gbk_chars = st.sampled_from(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-蒙京粤沪测包头"))


def gbk(max_bytes: int):
    return st.lists(gbk_chars, max_size=max_bytes // 2).map("".join)


times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda t: t.replace(microsecond=0, tzinfo=jt808.CST))

extras = st.lists(
    st.one_of(
        st.builds(lambda v: jt808.extra(0x01, v / 10), st.integers(0, 2**32 - 1)),
        st.builds(lambda v: jt808.extra(0x02, v / 10), u16),
        st.builds(lambda v: jt808.extra(0x30, v), st.integers(0, 255)),
        st.builds(lambda v: jt808.extra(0x31, v), st.integers(0, 255)),
        st.builds(jt808.Extra, st.integers(0x50, 0xFF), st.binary(max_size=40)),
    ),
    max_size=6,
).map(tuple)


@st.composite
def locations(draw):
    lat_raw, lon_raw = draw(st.integers(0, 90_000_000)), draw(st.integers(0, 180_000_000))
    south, west = draw(st.booleans()), draw(st.booleans())
    return jt808.Location(
        lat=-lat_raw / 1e6 if south else lat_raw / 1e6,
        lon=-lon_raw / 1e6 if west else lon_raw / 1e6,
        time=draw(st.one_of(st.none(), times)),
        speed_kmh=draw(u16) / 10,
        direction=draw(st.integers(0, 359)),
        altitude_m=draw(u16),
        alarm=draw(u32),
        status=draw(u32) & ~0b1100,
        extras=draw(extras),
    )


bodies = st.one_of(
    st.builds(jt808.TerminalReply, u16, u16, st.integers(0, 4)),
    st.builds(jt808.PlatformReply, u16, u16, st.integers(0, 4)),
    st.just(jt808.Heartbeat()),
    st.just(jt808.Logout()),
    st.builds(jt808.RegistrationReply, u16, st.just(0), gbk(40)),
    st.builds(jt808.RegistrationReply, u16, st.integers(1, 4), st.just("")),
    st.builds(jt808.LocationReport, locations()),
    st.builds(jt808.LocationBatch, st.integers(0, 1), st.lists(locations(), max_size=5).map(tuple)),
)


def _registration(v2019: bool):
    w = (11, 30, 30) if v2019 else (5, 20, 7)
    return st.builds(jt808.Registration, u16, u16, gbk(w[0]), gbk(w[1]), gbk(w[2]),
                     st.integers(0, 255), gbk(12))


def _auth(v2019: bool):
    if v2019:
        return st.builds(jt808.Authentication, gbk(40), gbk(15), gbk(20))
    return st.builds(jt808.Authentication, gbk(40))


@st.composite
def messages(draw):
    v2019 = draw(st.booleans())
    body = draw(st.one_of(bodies, _registration(v2019), _auth(v2019)))
    phone = draw(phones20 if v2019 else phones12)
    return body, phone, draw(u16), (jt808.VERSION_2019 if v2019 else None)


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_every_message_type_round_trips(message):
    body, phone, seq, version = message
    frames = jt808.encode_packets(body, phone, seq, version=version)
    reassembler = jt808.Reassembler()
    decoded = [jt808.decode_stream_frame(f[1:-1], reassembler) for f in frames]
    assert all(d is None for d in decoded[:-1])
    msg = decoded[-1]
    assert msg.header.msg_id == body.MSG_ID
    assert msg.header.phone == phone
    assert msg.header.seq == seq
    assert msg.header.version == version
    assert msg.body == body


@settings(max_examples=100)
@given(st.lists(locations(), min_size=4, max_size=8).map(tuple), phones12, u16)
def test_a_batch_larger_than_one_packet_is_split_and_reassembled(locs, phone, seq):
    body = jt808.LocationBatch(1, locs)
    frames = jt808.encode_packets(body, phone, seq, max_body=64)
    assert len(frames) > 1
    reassembler = jt808.Reassembler()
    out = [jt808.decode_stream_frame(f[1:-1], reassembler) for f in reversed(frames)]
    assert out[-1].body == body and all(o is None for o in out[:-1])


@settings(max_examples=1500)
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_frame_errors(data):
    with contextlib.suppress(jt808.FrameError):
        jt808.decode(data)
    with contextlib.suppress(jt808.FrameError):
        jt808.decode(b"\x7e" + data + b"\x7e")


@settings(max_examples=250)
@given(messages(), st.data())
def test_corrupted_valid_frames_raise_only_frame_errors(message, data):
    body, phone, seq, version = message
    frame = bytearray(jt808.encode_packets(body, phone, seq, version=version)[0])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(frame) - 1))
        frame[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(frame)))
    for candidate in (bytes(frame), bytes(frame[:cut])):
        with contextlib.suppress(jt808.FrameError):
            jt808.decode(candidate)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messages(), min_size=1, max_size=5), st.lists(st.integers(1, 50), min_size=1))
def test_splitter_yields_the_same_frames_however_the_stream_is_cut(msgs, cuts):
    frames = [jt808.encode(b, p, s, version=v) for b, p, s, v in msgs
              if len(b.encode(v)) <= 1023]
    stream = b"".join(frames)
    splitter, got, pos, k = jt808.FrameSplitter(), [], 0, 0
    while pos < len(stream):
        n = cuts[k % len(cuts)]
        got += splitter.feed(stream[pos:pos + n])
        pos, k = pos + n, k + 1
    assert [b"\x7e" + f + b"\x7e" for f in got] == frames


def test_location_validity_follows_fix_flag_and_range():
    t = datetime(2025, 5, 1, 9, 0, tzinfo=jt808.CST)
    assert jt808.Location(40.6, 109.8, t).valid
    assert not jt808.Location(40.6, 109.8, t, status=0).valid  # no fix flag
    assert not jt808.Location(95.0, 109.8, t).valid
    assert not jt808.Location(40.6, 190.0, t).valid
    assert not jt808.Location(40.6, 109.8, None).valid


def test_time_is_sent_in_gmt8_whatever_zone_it_is_given_in():
    loc = jt808.Location(40.6, 109.8, datetime(2025, 4, 30, 17, 0, tzinfo=UTC))
    got = jt808.decode(jt808.encode(jt808.LocationReport(loc), "013900001111", 1)).body.location.time
    assert (got.day, got.hour, got.utcoffset()) == (1, 1, timedelta(hours=8))
    naive = jt808.Location(40.6, 109.8, datetime(2025, 5, 1))
    with pytest.raises(ValueError, match="naive"):
        jt808.encode(jt808.LocationReport(naive), "013900001111", 1)
