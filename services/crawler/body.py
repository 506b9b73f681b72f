"""Bounded response bodies: wire-size limit and decompression with a bomb guard (we decompress ourselves)."""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli


class BodyError(Exception):
    """A body that breaks a limit or cannot be decoded; `kind` names the metric label."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class Decoder(Protocol):
    """Incremental content decoder."""

    def feed(self, data: bytes) -> bytes: ...

    def finish(self) -> bytes: ...


class Identity:
    """No content coding."""

    def feed(self, data: bytes) -> bytes:
        """Return data unchanged."""
        return data

    def finish(self) -> bytes:
        """Nothing buffered."""
        return b""


class ZlibDecoder:
    """gzip or deflate (zlib-wrapped or raw), never producing more than `limit` bytes."""

    def __init__(self, limit: int, coding: str) -> None:
        self.limit = limit
        self.produced = 0
        self.coding = coding
        self._d = zlib.decompressobj(31 if coding == "gzip" else 15)
        self._first = True

    def _take(self, data: bytes) -> bytes:
        out = bytearray()
        while data:
            chunk = self._d.decompress(data, self.limit - self.produced + 1)
            self.produced += len(chunk)
            if self.produced > self.limit:
                raise BodyError("decompression_bomb", f"{self.coding} body expands beyond {self.limit} bytes")
            out += chunk
            data = self._d.unconsumed_tail
        return bytes(out)

    def feed(self, data: bytes) -> bytes:
        """Decompress a chunk."""
        try:
            return self._take(data)
        except zlib.error as exc:
            if self.coding == "deflate" and self._first:
                self._d = zlib.decompressobj(-15)  # servers often send raw deflate
                self._first = False
                return self.feed(data)
            raise BodyError("bad_encoding", f"invalid {self.coding} data: {exc}") from exc
        finally:
            self._first = False

    def finish(self) -> bytes:
        """Flush the remainder."""
        return self._take(b"") + self._d.flush()[: max(0, self.limit - self.produced)]


class BrotliDecoder:
    """Brotli with a bounded output buffer."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.produced = 0
        self._d = brotli.Decompressor()

    def _count(self, chunk: bytes) -> bytes:
        self.produced += len(chunk)
        if self.produced > self.limit:
            raise BodyError("decompression_bomb", f"br body expands beyond {self.limit} bytes")
        return chunk

    def feed(self, data: bytes) -> bytes:
        """Decompress a chunk, draining the decoder in bounded steps."""
        try:
            out = bytearray(self._count(self._d.process(data, output_buffer_limit=self.limit - self.produced + 1)))
            while not self._d.can_accept_more_data():
                out += self._count(self._d.process(b"", output_buffer_limit=self.limit - self.produced + 1))
            return bytes(out)
        except brotli.error as exc:
            raise BodyError("bad_encoding", f"invalid br data: {exc}") from exc

    def finish(self) -> bytes:
        """Nothing left once all input was fed."""
        return b""


def decoder_for(content_encoding: str | None, limit: int) -> Decoder:
    """The decoder for a Content-Encoding header value."""
    coding = (content_encoding or "identity").strip().lower()
    if coding in ("", "identity"):
        return Identity()
    if coding in ("gzip", "x-gzip"):
        return ZlibDecoder(limit, "gzip")
    if coding == "deflate":
        return ZlibDecoder(limit, "deflate")
    if coding == "br":
        return BrotliDecoder(limit)
    raise BodyError("bad_encoding", f"unsupported Content-Encoding {coding!r}")


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress a .gz payload (sitemap.xml.gz) with the same bomb guard."""
    dec = ZlibDecoder(limit, "gzip")
    return dec.feed(data) + dec.finish()
