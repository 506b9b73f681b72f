"""A small HTTP server for the aiokafka services: /metrics (Prometheus), /healthz and extra pages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class MetricsServer:
    """Serves a registry on host:port, plus `pages` (path → handler; may replace /healthz)."""

    def __init__(self, registry: CollectorRegistry, host: str, port: int,
                 pages: Mapping[str, Handler] | None = None) -> None:
        self.registry = registry
        self.host = host
        self.port = port
        self.pages = dict(pages or {})
        self._runner: web.AppRunner | None = None

    async def _metrics(self, request: web.Request) -> web.Response:
        return web.Response(body=generate_latest(self.registry), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    async def _health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def start(self) -> None:
        """Bind and serve."""
        app = web.Application()
        routes: dict[str, Handler] = {"/metrics": self._metrics, "/healthz": self._health, **self.pages}
        for path, handler in routes.items():
            app.router.add_get(path, handler)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
