"""Every shared JT/T 808 frame decodes as the data set says, or is refused for the stated reason."""

from __future__ import annotations

import json

import pytest

from core.feeds import jt808
from core.feeds.jt808.framing import checksum, escape, unescape, wrap
from tests.conftest import shared_data

# Refused on purpose (see core/feeds/jt808/codec.py): a wrong check code is never accepted, even
# where a peer decodes the frame with its CRC check switched off.
REFUSED = {
    "smallchi-0x0200-bad-checksum-unknown-items": jt808.ChecksumError,
    "traccar-huabao-27": jt808.ChecksumError,
}


def _vectors():
    data = json.loads(shared_data("jt808", "jt808_vectors.json").read_text(encoding="utf-8"))
    return data["vectors"]


def pytest_generate_tests(metafunc):
    if "vector" in metafunc.fixturenames:
        try:
            vectors = _vectors()
        except pytest.skip.Exception:
            vectors = []
        metafunc.parametrize("vector", vectors, ids=[v["id"] for v in vectors])


def _check_location(loc: jt808.Location, want: dict) -> None:
    assert loc.alarm == want["alarm_flag"]
    assert loc.status == want["status"]
    assert loc.lat == pytest.approx(want["lat_deg"], abs=1e-9)
    assert loc.lon == pytest.approx(want["lon_deg"], abs=1e-9)
    assert loc.altitude_m == want["altitude_m"]
    assert loc.speed_kmh == pytest.approx(want["speed_kmh"])
    assert loc.direction == want["direction_deg"]
    assert loc.time.strftime("%Y-%m-%d %H:%M:%S") == want["time_gmt8"]
    assert loc.time.utcoffset().total_seconds() == 8 * 3600
    assert loc.fixed == want["status_located"]
    got = [(f"0x{e.id:02X}", e.raw.hex().upper(), e.truncated) for e in loc.extras]
    assert got == [(x["id"], x["value_hex"].upper(), x["truncated"]) for x in want["extras"]]
    on_globe = abs(want["lat_deg"]) <= 90 and abs(want["lon_deg"]) <= 180
    assert loc.valid == (want["status_located"] and on_globe)


def test_vector(vector):
    frame = bytes.fromhex(vector["hex"])
    derived, expected = vector["derived"], vector["expected"]
    if vector["id"] in REFUSED:
        assert not derived["checksum_ok"]
        with pytest.raises(REFUSED[vector["id"]]):
            jt808.decode(frame)
        return
    msg = jt808.decode(frame)
    h = msg.header
    assert f"0x{h.msg_id:04X}" == derived["msg_id"] == expected["msg_id"]
    assert h.phone == derived["phone_bcd"]
    if "phone" in expected:  # some peers print the number without its leading zeros
        assert h.phone.lstrip("0") == expected["phone"].lstrip("0")
    assert h.seq == derived["msg_seq"]
    assert h.body_length == derived["body_length"]
    assert h.is_2019 == derived["version_flag_2019"]
    assert h.encryption == derived["encryption"]
    assert h.subpackaged == derived["subpackage"]
    if "protocol_version_byte" in derived:
        assert h.version == derived["protocol_version_byte"]
    body = msg.body
    if "location" in derived:
        _check_location(body.location, derived["location"])
    if "batch" in derived:
        assert body.kind == derived["batch"]["type"]
        assert len(body.locations) == derived["batch"]["count"]
        for loc, want in zip(body.locations, derived["batch"]["items"], strict=True):
            _check_location(loc, want)
    if "registration" in derived:
        reg = derived["registration"]
        assert (body.province, body.city, body.maker, body.model, body.terminal_id, body.plate_color,
                body.plate) == (reg["province_id"], reg["city_county_id"], reg["maker_id"],
                                reg["terminal_model"], reg["terminal_id"], reg["plate_color"], reg["plate"])
    for key, attr in (("auth_code", "auth_code"), ("imei", "imei"), ("software_version", "software_version"),
                      ("reply_seq", "reply_seq"), ("result", "result")):
        if key in expected:
            assert getattr(body, attr) == expected[key]
    if "reply_msg_id" in expected:
        assert f"0x{body.reply_id:04X}" == expected["reply_msg_id"]
    if "extra_0x01_mileage_raw_0_1km" in expected:
        assert body.location.extra_value("mileage_km") == expected["extra_0x01_mileage_raw_0_1km"] / 10
        assert body.location.extra_value("fuel_l") == expected["extra_0x02_fuel_raw_0_1L"] / 10


def test_vectors_cover_the_message_types_the_platform_speaks():
    ids = {v["derived"]["msg_id"] for v in _vectors()}
    assert {"0x0002", "0x0100", "0x0102", "0x0200", "0x0704", "0x8001", "0x8100"} <= ids


def test_swapped_coordinates_decode_raw_but_are_invalid():
    vec = next(v for v in _vectors() if v["id"] == "go-jt808-0x0200-2013")
    loc = jt808.decode(bytes.fromhex(vec["hex"])).body.location
    assert loc.lat == pytest.approx(116.307629)
    assert not loc.valid


def test_length_mismatch_is_refused_even_with_a_correct_checksum():
    """traccar-huabao-27 declares a 50-byte body but carries 40; fixing its check code is not enough."""
    vec = next(v for v in _vectors() if v["id"] == "traccar-huabao-27")
    content = unescape(bytes.fromhex(vec["hex"])[1:-2])
    repaired = b"\x7e" + escape(content + bytes((checksum(content),))) + b"\x7e"
    with pytest.raises(jt808.LengthError, match="50-byte body but 40"):
        jt808.decode(repaired)


def test_unescaped_data_flag_is_kept_only_when_length_and_checksum_agree():
    vec = next(v for v in _vectors() if v["id"] == "traccar-huabao-05")
    frame = bytes.fromhex(vec["hex"])
    assert b"\x7e" in frame[1:-1]
    assert jt808.decode(frame).body.location.lat == pytest.approx(vec["derived"]["location"]["lat_deg"])
    broken = frame[:40] + bytes((frame[40] ^ 0x01,)) + frame[41:]
    with pytest.raises(jt808.EscapeError):
        jt808.decode(broken)


def test_a_stream_of_every_vector_splits_back_into_the_same_frames():
    vectors = _vectors()
    stream = b"garbage" + b"".join(bytes.fromhex(v["hex"]) for v in vectors)
    splitter = jt808.FrameSplitter()
    frames = []
    for i in range(0, len(stream), 7):
        frames += splitter.feed(stream[i:i + 7])
    assert [b"\x7e" + f + b"\x7e" for f in frames] == [bytes.fromhex(v["hex"]) for v in vectors]
    assert splitter.garbage == len(b"garbage")


HEARTBEAT = "7E000200001234567820130001387E"


@pytest.mark.parametrize("frame, error", [
    (bytes.fromhex("7E0002000012345678201300017D03387E"), jt808.EscapeError),  # 7D 03 is no escape
    (bytes.fromhex("7E0002000012345678201300017D7E"), jt808.EscapeError),  # dangling 7D
    (bytes.fromhex(HEARTBEAT)[:-1], jt808.DelimiterError),  # no closing flag
    (bytes.fromhex("7E000200001234567820130001397E"), jt808.ChecksumError),
    (wrap(bytes.fromhex("000200011234567820130001")), jt808.LengthError),  # 1 byte declared, 0 sent
    (wrap(bytes.fromhex("000200001234567820")), jt808.LengthError),  # header cut short
    (wrap(bytes.fromhex("020000001234567820130001")), jt808.BodyError),  # location without a body
    (bytes.fromhex("7E7E"), jt808.DelimiterError),
], ids=["bad-escape", "dangling-escape", "no-end-flag", "checksum", "body-length", "short-header",
        "empty-location", "empty"])
def test_bad_frames_raise_the_error_that_names_the_fault(frame, error):
    with pytest.raises(error):
        jt808.decode(frame)
