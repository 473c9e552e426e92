"""A JT/T 808 terminal over TCP, as a vehicle's GPS box behaves: register, authenticate, report.

Used by the simulator, the ingest bench and the tests, so all three talk to the real server
through the real codec. Requests wait for the platform reply that carries their sequence number;
``report_nowait`` sends without waiting so a bench can keep many reports in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from core.feeds import jt808


class TerminalError(RuntimeError):
    """The platform refused the terminal (registration or authentication result not 0)."""


@dataclass
class Terminal:
    phone: str
    version: int | None = None  # jt808.VERSION_2019 for the 2019 layout
    timeout: float = 10.0
    seq: int = 0
    acked: int = 0  # location reports the platform confirmed
    refused: int = 0  # replies with a non-zero result
    auth_code: str = ""
    _reader: asyncio.StreamReader | None = field(default=None, repr=False)
    _writer: asyncio.StreamWriter | None = field(default=None, repr=False)
    _waiting: dict[int, asyncio.Future] = field(default_factory=dict, repr=False)
    _read_task: asyncio.Task | None = field(default=None, repr=False)
    _acks: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    async def connect(self, host: str, port: int) -> None:
        self._reader, self._writer = await asyncio.open_connection(host, port)
        self._read_task = asyncio.create_task(self._read_replies())

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await self._writer.wait_closed()
        if self._read_task is not None:
            self._read_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._read_task

    def _next_seq(self) -> int:
        self.seq = (self.seq + 1) & 0xFFFF
        return self.seq

    def send_frame(self, frame: bytes) -> None:
        """Write raw bytes as they are (tests use it for broken frames)."""
        self._writer.write(frame)

    async def request(self, body) -> object:
        """Send one message and wait for the platform's reply body to it."""
        seq = self._next_seq()
        fut = asyncio.get_running_loop().create_future()
        self._waiting[seq] = fut
        self._writer.write(jt808.encode(body, self.phone, seq, version=self.version))
        try:
            async with asyncio.timeout(self.timeout):
                return await fut
        finally:
            self._waiting.pop(seq, None)

    async def register(self, plate: str, terminal_id: str = "SIM0001", plate_color: int = 2,
                       province: int = 15, city: int = 200) -> str:
        reply = await self.request(jt808.Registration(province, city, "SHIAN", "SIM-808", terminal_id,
                                                      plate_color, plate))
        if reply.result != jt808.REG_OK:
            raise TerminalError(f"registration of {self.phone} refused with result {reply.result}")
        self.auth_code = reply.auth_code
        return reply.auth_code

    async def authenticate(self, code: str | None = None) -> None:
        reply = await self.request(jt808.Authentication(code if code is not None else self.auth_code,
                                                        "860000000000000", "1.0"))
        if reply.result != jt808.REPLY_OK:
            raise TerminalError(f"authentication of {self.phone} refused with result {reply.result}")

    async def report(self, loc: jt808.Location) -> int:
        """Send one 0x0200 and return the platform's result code (0 = stored)."""
        return (await self.request(jt808.LocationReport(loc))).result

    def report_nowait(self, frame_body: jt808.LocationReport | jt808.LocationBatch) -> None:
        seq = self._next_seq()
        self._writer.write(jt808.encode(frame_body, self.phone, seq, version=self.version))

    async def wait_acked(self, count: int) -> None:
        """Wait until ``count`` location reports in total have been confirmed or refused."""
        while self.acked + self.refused < count:
            self._acks.clear()
            await self._acks.wait()

    async def drain(self) -> None:
        await self._writer.drain()

    async def _read_replies(self) -> None:
        splitter = jt808.FrameSplitter()
        while True:
            data = await self._reader.read(65536)
            if not data:
                for fut in self._waiting.values():
                    if not fut.done():
                        fut.set_exception(ConnectionError("the platform closed the connection"))
                return
            for raw in splitter.feed(data):
                try:
                    msg = jt808.decode(raw)
                except jt808.FrameError:
                    continue
                body = msg.body
                if isinstance(body, jt808.PlatformReply) and body.reply_id in (0x0200, 0x0704):
                    if body.result == jt808.REPLY_OK:
                        self.acked += 1
                    else:
                        self.refused += 1
                    self._acks.set()
                fut = self._waiting.get(getattr(body, "reply_seq", None))
                if fut is not None and not fut.done():
                    fut.set_result(body)
