"""JT/T 808 (2011/2013/2019), the protocol Chinese vehicle GPS terminals speak over TCP. Qt-free."""

from core.feeds.jt808.codec import (
    VERSION_2019,
    Message,
    Reassembler,
    decode,
    decode_body,
    decode_packet,
    decode_stream_frame,
    encode,
    encode_packets,
    location_dict,
    to_dict,
)
from core.feeds.jt808.errors import (
    BodyError,
    ChecksumError,
    DelimiterError,
    EscapeError,
    FrameError,
    LengthError,
)
from core.feeds.jt808.framing import FrameSplitter
from core.feeds.jt808.header import Header
from core.feeds.jt808.location import CST, STATUS_ACC, STATUS_FIXED, Extra, Location, extra
from core.feeds.jt808.messages import (
    REG_NO_TERMINAL,
    REG_NO_VEHICLE,
    REG_OK,
    REPLY_FAILURE,
    REPLY_OK,
    REPLY_UNSUPPORTED,
    Authentication,
    Heartbeat,
    LocationBatch,
    LocationReport,
    Logout,
    PlatformReply,
    RawBody,
    Registration,
    RegistrationReply,
    TerminalReply,
)

__all__ = [
    "CST", "REG_NO_TERMINAL", "REG_NO_VEHICLE", "REG_OK", "REPLY_FAILURE", "REPLY_OK",
    "REPLY_UNSUPPORTED", "STATUS_ACC", "STATUS_FIXED", "VERSION_2019",
    "Authentication", "BodyError", "ChecksumError", "DelimiterError", "EscapeError", "Extra",
    "FrameError", "FrameSplitter", "Header", "Heartbeat", "LengthError", "Location", "LocationBatch",
    "LocationReport", "Logout", "Message", "PlatformReply", "RawBody", "Reassembler", "Registration",
    "RegistrationReply", "TerminalReply", "decode", "decode_stream_frame", "encode", "encode_packets",
    "decode_body", "decode_packet", "extra", "location_dict", "to_dict",
]
