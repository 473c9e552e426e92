"""Typed faults of a JT/T 808 frame. Every decoding failure is one of these, never a bare exception,
so a server can drop one bad frame and keep the connection and every other terminal."""

from __future__ import annotations


class FrameError(ValueError):
    """A frame that cannot be accepted; the subclass names the fault."""

    fault = "frame"


class DelimiterError(FrameError):
    """The frame is not enclosed in 0x7E flags, or is empty between them."""

    fault = "delimiter"


class EscapeError(FrameError):
    """A 0x7D not followed by 0x01 or 0x02, or a bare 0x7E inside the frame."""

    fault = "escape"


class ChecksumError(FrameError):
    """The XOR check code does not match the unescaped bytes."""

    fault = "checksum"


class LengthError(FrameError):
    """Too short for its header, or the body length in the header disagrees with the bytes present."""

    fault = "length"


class BodyError(FrameError):
    """A body whose fields cannot be read as the message's layout (too short for a fixed field)."""

    fault = "body"
