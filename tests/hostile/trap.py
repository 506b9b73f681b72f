"""A trap: a loopback server that logs every TCP connection it accepts (refused addresses must never see one)."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

TRAP_ADDRESSES = ("127.0.0.1", "127.0.0.2", "127.0.0.3", "::1")
TRAP_BODY = "<html><body><p>Năm 2025, Đảng bộ bẫy kết nạp 999 đảng viên mới.</p></body></html>".encode()
TRAP_PAGE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
             + f"Content-Length: {len(TRAP_BODY)}\r\n\r\n".encode() + TRAP_BODY)


@dataclass
class Trap:
    """Connections accepted, as (local address, peer address), and the shared port."""

    port: int = 0
    connections: list[tuple[str, str]] = field(default_factory=list)


class TrapServer:
    """Listens on TRAP_ADDRESSES (one port) in a background thread; answers any request with a page."""

    def __init__(self) -> None:
        self.trap = Trap()
        self._loop = asyncio.new_event_loop()
        self._servers: list[asyncio.base_events.Server] = []
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        local, peer = writer.get_extra_info("sockname"), writer.get_extra_info("peername")
        self.trap.connections.append((str(local[0]), str(peer[0])))
        try:
            await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 2)
            writer.write(TRAP_PAGE)
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    async def _start(self) -> None:
        first = await asyncio.start_server(self._handle, TRAP_ADDRESSES[0], 0)
        self.trap.port = first.sockets[0].getsockname()[1]
        self._servers = [first]
        for host in TRAP_ADDRESSES[1:]:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            self._servers.append(await asyncio.start_server(self._handle, host, self.trap.port, family=family))

    def start(self) -> Trap:
        """Start listening; returns the trap with its port."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self.trap

    def stop(self) -> None:
        """Stop listening."""
        for server in self._servers:
            self._loop.call_soon_threadsafe(server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


class StubResolver(AbstractResolver):
    """A local DNS stub: the names in `table` resolve to the given addresses, others as the system resolves them."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.asked: list[str] = []
        self._system: DefaultResolver | None = None  # created on first use (it needs the running loop)

    async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> list[ResolveResult]:
        """Answer from the table first."""
        self.asked.append(host)
        if host in self.table:
            address = self.table[host]
            fam = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [ResolveResult(hostname=host, host=address, port=port, family=fam, proto=0,
                                  flags=socket.AI_NUMERICHOST)]
        self._system = self._system or DefaultResolver()
        return await self._system.resolve(host, port, family)

    async def close(self) -> None:
        """Close the system resolver."""
        if self._system is not None:
            await self._system.close()
