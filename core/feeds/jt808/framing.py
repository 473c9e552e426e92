"""Byte-level framing of JT/T 808: 0x7E flags, 0x7D escapes and the XOR check code.

On the wire a message is ``7E <escaped(header + body + check)> 7E``. Inside, 0x7E is sent as
``7D 02`` and 0x7D as ``7D 01``; the check code is the XOR of every unescaped byte of header and
body, and is itself escaped (it can be 0x7E or 0x7D).
"""

from __future__ import annotations

from functools import reduce
from operator import xor

from core.feeds.jt808.errors import ChecksumError, DelimiterError, EscapeError, LengthError

FLAG = 0x7E
ESC = 0x7D
_FLAG_B = b"\x7e"
_ESC_B = b"\x7d"

MAX_FRAME = 4096  # a body is at most 1023 bytes; allow generous headroom before calling it garbage


def checksum(data: bytes) -> int:
    """XOR of all bytes."""
    return reduce(xor, data, 0)


def escape(data: bytes) -> bytes:
    return data.replace(_ESC_B, b"\x7d\x01").replace(_FLAG_B, b"\x7d\x02")


def unescape(data: bytes) -> bytes:
    """Undo the 0x7D escapes; a dangling or unknown escape is an EscapeError. A raw 0x7E inside is
    kept as data here: whether the frame is still acceptable is decided by its length and check code
    (see ``unwrap``)."""
    if _ESC_B not in data:
        return data
    parts = data.split(_ESC_B)
    out = bytearray(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        if not part:
            where = "at the end of the frame" if i == len(parts) - 1 else "followed by another 0x7D"
            raise EscapeError(f"0x7D escape {where}")
        code = part[0]
        if code == 0x02:
            out.append(FLAG)
        elif code == 0x01:
            out.append(ESC)
        else:
            raise EscapeError(f"0x7D followed by 0x{code:02X}; only 0x01 and 0x02 are escapes")
        out += part[1:]
    return bytes(out)


def wrap(content: bytes) -> bytes:
    """Header+body → a transmittable frame: append the check code, escape, add the flags."""
    return _FLAG_B + escape(content + bytes((checksum(content),))) + _FLAG_B


def unwrap(frame: bytes) -> bytes:
    """A frame (with or without its flags) → header+body, with escapes and check code verified.

    Some real terminals send a data byte 0x7E unescaped (a traccar capture does). Such a frame is
    accepted only when its check code and declared length both still hold, i.e. the byte can only
    be data; otherwise the fault is reported as an EscapeError."""
    if frame[:1] == _FLAG_B:
        if len(frame) < 2 or frame[-1:] != _FLAG_B:
            raise DelimiterError("frame starts with 0x7E but does not end with one")
        frame = frame[1:-1]
    elif frame[-1:] == _FLAG_B:
        raise DelimiterError("frame ends with 0x7E but does not start with one")
    if not frame:
        raise DelimiterError("empty frame")
    data = unescape(frame)
    if len(data) < 2:
        raise LengthError(f"{len(data)} byte(s) between the flags; a frame needs a header and a check code")
    content, check = data[:-1], data[-1]
    computed = checksum(content)
    stray = frame.find(_FLAG_B)
    if computed != check:
        if stray >= 0:
            raise EscapeError(f"unescaped 0x7E at offset {stray + 1} inside the frame")
        raise ChecksumError(f"check code 0x{check:02X}, computed 0x{computed:02X}")
    if stray >= 0 and declared_size(frame) != len(data):
        raise EscapeError(f"unescaped 0x7E at offset {stray + 1} inside the frame")
    return content


def declared_size(frame: bytes) -> int | None:
    """Unescaped size (header + body + check code) an escaped frame's header promises, or None when
    not even the header's first four bytes can be read."""
    try:
        head = unescape(frame[:48])
    except EscapeError:
        return None
    if len(head) < 4:
        return None
    props = head[2] << 8 | head[3]
    size = (17 if props & 0x4000 else 12) + (4 if props & 0x2000 else 0)
    return size + (props & 0x3FF) + 1


def _unescaped_len(frame: bytes) -> int:
    return len(frame) - frame.count(_ESC_B)


class FrameSplitter:
    """Cuts a TCP byte stream into frames (escaped, without flags).

    Every non-empty run between two flags is a frame, so both ``7E..7E 7E..7E`` and frames sharing
    one flag work. A run shorter than its header promises is joined with the next run when that
    makes the size exact (an unescaped 0x7E data byte, sent by some terminals). Bytes before the
    first flag are counted as garbage, and an open frame longer than MAX_FRAME is discarded, so a
    broken terminal cannot grow the server's memory."""

    __slots__ = ("_pending", "_open", "garbage")

    def __init__(self) -> None:
        self._pending = b""
        self._open = False
        self.garbage = 0

    def feed(self, data: bytes) -> list[bytes]:
        buf = self._pending + data if self._pending else data
        if not self._open:
            start = buf.find(_FLAG_B)
            if start < 0:
                self.garbage += len(buf)
                self._pending = b""
                return []
            self.garbage += start
            buf = buf[start + 1:]
            self._open = True
        parts = buf.split(_FLAG_B)
        frames: list[bytes] = []
        i, last = 0, len(parts) - 1
        while i < last:
            part = parts[i]
            i += 1
            if not part:
                continue
            want = declared_size(part)
            while want is not None and _unescaped_len(part) < want and i <= last and parts[i]:
                joined = part + _FLAG_B + parts[i]
                if _unescaped_len(joined) > want:
                    break
                part = joined
                i += 1
            if i > last:  # the frame runs on into the still-open tail
                parts[last] = part
                break
            frames.append(part)
        pending = parts[last]
        if len(pending) > MAX_FRAME:
            self.garbage += len(pending)
            pending = b""
            self._open = False
        self._pending = pending
        return frames
