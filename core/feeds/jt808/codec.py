"""Whole JT/T 808 messages: frame bytes ↔ (header, typed body), sub-packages, and a JSON view.

Decisions on frames that peers accept but this platform refuses (see the shared test vectors):
the checksum is always verified (a frame with a wrong check code is a ChecksumError even if its
fields look plausible), and the declared body length must equal the bytes present (LengthError).
So a frame declaring 50 body bytes but carrying 40, with a wrong check code too, is refused as a
ChecksumError, and still as a LengthError once its check code is repaired: a position built from
a body of the wrong size is a guess, and a terminal whose report is refused sends it again.
A fix whose numbers are off the globe (e.g. latitude 116°) decodes as sent and is marked invalid
by ``Location.valid``; refusing it is the consumer's call, not the codec's. An additional item
whose length runs past the body is kept, marked truncated, with the fix; a data byte 0x7E sent
unescaped is accepted only when length and check code prove it is data.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from core.feeds.jt808.errors import BodyError, FrameError
from core.feeds.jt808.framing import unwrap, wrap
from core.feeds.jt808.header import MAX_BODY, Header, decode_header
from core.feeds.jt808.location import Location
from core.feeds.jt808.messages import (
    BODY_TYPES,
    Authentication,
    LocationBatch,
    LocationReport,
    RawBody,
    Registration,
    RegistrationReply,
    _Reply,
)

VERSION_2019 = 1  # the protocol-version byte JT/T 808-2019 terminals send


@dataclass(slots=True)
class Message:
    header: Header
    body: object  # one of the classes in messages.BODY_TYPES, or RawBody

    @property
    def msg_id(self) -> int:
        return self.header.msg_id


def decode_body(header: Header, body: bytes) -> object:
    """The typed body for ``header.msg_id``; unknown, encrypted or partial bodies stay raw."""
    cls = BODY_TYPES.get(header.msg_id)
    if cls is None or header.encryption or header.subpackaged:
        return RawBody(header.msg_id, body)
    try:
        return cls.decode(body, header.version)
    except FrameError:
        raise
    except (struct.error, IndexError, ValueError) as exc:
        raise BodyError(f"0x{header.msg_id:04X} body: {exc}") from None


def decode(frame: bytes) -> Message:
    """One frame (escaped, with or without its 0x7E flags) → a message. Raises FrameError only."""
    header, body = decode_header(unwrap(frame))
    return Message(header, decode_body(header, body))


def encode(body, phone: str, seq: int, *, version: int | None = None, encryption: int = 0) -> bytes:
    """A body → one transmittable frame. Bodies longer than one packet need ``encode_packets``."""
    data = body.encode(version)
    header = Header(body.MSG_ID, phone, seq & 0xFFFF, len(data), version, encryption)
    return wrap(header.encode() + data)


def encode_packets(body, phone: str, first_seq: int, *, version: int | None = None,
                   max_body: int = MAX_BODY) -> list[bytes]:
    """A body of any size → frames; more than one packet sets the sub-package flag, with
    consecutive sequence numbers starting at ``first_seq``."""
    data = body.encode(version)
    if len(data) <= max_body:
        return [encode(body, phone, first_seq, version=version)]
    chunks = [data[i:i + max_body] for i in range(0, len(data), max_body)]
    frames = []
    for i, chunk in enumerate(chunks):
        header = Header(body.MSG_ID, phone, (first_seq + i) & 0xFFFF, len(chunk), version, 0,
                        len(chunks), i + 1)
        frames.append(wrap(header.encode() + chunk))
    return frames


class Reassembler:
    """Collects sub-packages into whole messages, per terminal and message. Incomplete sets are
    bounded: a terminal that never sends the rest cannot grow memory past ``max_pending``."""

    def __init__(self, max_pending: int = 64) -> None:
        self.max_pending = max_pending
        self._parts: dict[tuple[str, int, int], dict[int, bytes]] = {}

    def add(self, header: Header, body: bytes) -> Message | None:
        """Returns the whole message once its last missing packet arrives, else None."""
        first_seq = (header.seq - header.packet_index + 1) & 0xFFFF
        key = (header.phone, header.msg_id, first_seq)
        parts = self._parts.setdefault(key, {})
        parts[header.packet_index] = body
        if len(self._parts) > self.max_pending:
            self._parts.pop(next(iter(self._parts)))
        if len(parts) < header.packet_total:
            return None
        self._parts.pop(key, None)
        data = b"".join(parts[i] for i in range(1, header.packet_total + 1))
        # The whole message answers to the packet that completed it; the others were answered
        # as they came.
        whole = Header(header.msg_id, header.phone, header.seq, len(data), header.version, header.encryption)
        return Message(whole, decode_body(whole, data))


def decode_packet(frame: bytes) -> tuple[Header, bytes]:
    """One frame → its header and raw body (checked framing, escapes, check code and length)."""
    return decode_header(unwrap(frame))


def decode_stream_frame(frame: bytes, reassembler: Reassembler) -> Message | None:
    """Like ``decode`` but feeds sub-packages through ``reassembler`` (None until complete)."""
    header, body = decode_packet(frame)
    if header.subpackaged:
        return reassembler.add(header, body)
    return Message(header, decode_body(header, body))


def location_dict(loc: Location) -> dict:
    return {
        "lat": loc.lat,
        "lon": loc.lon,
        "altitude_m": loc.altitude_m,
        "speed_kmh": loc.speed_kmh,
        "direction": loc.direction,
        "time": loc.time.isoformat() if loc.time else None,
        "alarm": loc.alarm,
        "status": loc.status,
        "valid": loc.valid,
        "extras": [e.as_dict() for e in loc.extras],
    }


def to_dict(msg: Message) -> dict:
    """The JSON view ``shian gps decode`` prints."""
    h, b = msg.header, msg.body
    d: dict = {"msg_id": f"0x{h.msg_id:04X}", "phone": h.phone, "seq": h.seq,
               "protocol": "2019" if h.is_2019 else "2011/2013"}
    if h.is_2019:
        d["protocol_version"] = h.version
    if h.subpackaged:
        d["packet"] = {"total": h.packet_total, "index": h.packet_index}
    if isinstance(b, LocationReport):
        d.update(location_dict(b.location))
    elif isinstance(b, LocationBatch):
        d["batch_type"] = b.kind
        d["locations"] = [location_dict(loc) for loc in b.locations]
    elif isinstance(b, Registration):
        d.update(province=b.province, city=b.city, maker=b.maker, model=b.model,
                 terminal_id=b.terminal_id, plate_color=b.plate_color, plate=b.plate)
    elif isinstance(b, Authentication):
        d["auth_code"] = b.auth_code
        if h.is_2019:
            d.update(imei=b.imei, software_version=b.software_version)
    elif isinstance(b, RegistrationReply):
        d.update(reply_seq=b.reply_seq, result=b.result, auth_code=b.auth_code)
    elif isinstance(b, _Reply):
        d.update(reply_seq=b.reply_seq, reply_msg_id=f"0x{b.reply_id:04X}", result=b.result)
    elif isinstance(b, RawBody):
        d["body_hex"] = b.data.hex().upper()
    return d
