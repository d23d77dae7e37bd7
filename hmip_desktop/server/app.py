"""The sync service's Starlette application (docs/sync.md).

Uploads run the file import itself (``importer.import_bundle``), so every refusal of
``hmip central import`` is given here, as an HTTP status with the same one-line reason.
Blocking work (the database, the import) runs in worker threads, at most ``DB_THREADS``
at once per process: fewer than the connection pool holds (5 + 10 overflow), so a burst
of laptops queues here instead of timing out on the pool; the event loop only moves
bytes. Every refusal goes to the central event log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path

from starlette.applications import Starlette
import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import __version__
from ..core.central import importer, sync_state
from ..core.central.authorise import Refused
from ..core.central.store import CentralError, CentralStore
from ..core.exchange import envelope
from ..core.exchange import sync_protocol as proto
from ..core.exchange.envelope import Rejected
from ..core.exchange.formats import FORMAT_VERSION
from ..core.messages import Refusal, render

log = logging.getLogger("hmip.server")
#: Threads doing database work at once, per worker process.
DB_THREADS = 8

#: Environment variables through which ``hmip serve`` configures each worker process.
ENV_STORE, ENV_KEYS, ENV_MAX_BUNDLE, ENV_RATE, ENV_UPLOAD_TIME = (
    "HMIP_SERVE_STORE", "HMIP_SERVE_KEYS", "HMIP_SERVE_MAX_BUNDLE", "HMIP_SERVE_RATE_LIMIT", "HMIP_SERVE_UPLOAD_TIME")


class Refuse(Exception):
    """Answer ``status`` with the one-line ``reason``; ``key`` is the message id (logged).
    ``authenticated``: given after a signature was checked (the key is then the signer's):
    logged one by one; any other refusal is counted per client address (sync_state)."""

    def __init__(self, status: int, reason: str, key: str | None = None, *, key_id: str | None = None,
                 bundle_id: str | None = None, headers: dict | None = None, authenticated: bool = False):
        super().__init__(reason)
        self.status, self.reason, self.key = status, reason.splitlines()[0] if reason else "refused", key
        self.key_id, self.bundle_id, self.headers = key_id, bundle_id, headers or {}
        self.authenticated = authenticated

    @classmethod
    def of(cls, key: str, status: int, /, **params):
        extra = {k: params.pop(k) for k in ("key_id", "bundle_id", "headers", "authenticated") if k in params}
        return cls(status, render(key, "en", params), key, **extra)


def _refusal(status: int, exc: Refusal, **ids) -> Refuse:
    return Refuse(status, str(exc), exc.key, **ids)


def _client(scope) -> str:
    """The client's address as the server sees it (behind a reverse proxy: the proxy's)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class SyncService:
    """The endpoints over one open central store."""

    def __init__(self, store: CentralStore, *, max_bundle: int = importer.MAX_FILE, rate_limit: int = proto.RATE_LIMIT,
                 upload_time_limit: float = proto.UPLOAD_TIME_LIMIT):
        self.store, self.max_bundle = store, min(max_bundle, importer.MAX_FILE)
        self.rate_limit, self.upload_time_limit = rate_limit, upload_time_limit
        self._limiter: anyio.CapacityLimiter | None = None

    async def _blocking(self, fn, *args):
        """``fn(*args)`` in a worker thread, at most DB_THREADS at once."""
        if self._limiter is None:  # made inside the event loop that uses it
            self._limiter = anyio.CapacityLimiter(DB_THREADS)
        return await anyio.to_thread.run_sync(lambda: fn(*args), limiter=self._limiter)

    # -- shared steps (blocking: called in the thread pool) ----------------------------

    def _public_key(self, key_id: str):
        with self.store.engine.connect() as conn:
            try:
                return self.store.find_key(conn, key_id)
            except Rejected as exc:  # unknown or revoked: 403 with the store's own reason
                raise _refusal(403, exc, key_id=key_id) from None

    def _rate(self, key_id: str) -> None:
        wait = sync_state.count_request(self.store, key_id, self.rate_limit)
        if wait:
            raise Refuse.of("sync.rate", 429, key=key_id[:16], seconds=wait, key_id=key_id,
                            headers={"Retry-After": str(wait)}, authenticated=True)

    def _signed(self, request: Request) -> str:
        """The key id of a properly signed, fresh, first-seen, within-rate request."""
        try:
            signed = proto.verify_request(request.method, str(request.url), request.headers, self._public_key)
        except proto.SignatureRefused as exc:
            raise Refuse(exc.status, exc.reason) from None
        if not sync_state.first_use_of_nonce(self.store, signed.key_id, signed.nonce, signed.created,
                                             proto.REPLAY_WINDOW):
            raise Refuse.of("sync.replayed", 401, key_id=signed.key_id)
        self._rate(signed.key_id)
        return signed.key_id

    def _import(self, data: bytes) -> tuple[int, bytes, str]:
        try:
            header = envelope.peek_header(data)
        except Rejected as exc:
            raise _refusal(422, exc) from None
        ids = {"key_id": header.key_id, "bundle_id": header.id}  # claimed, not yet checked
        # The signature is checked before anything counts against the key it names, so
        # nobody can spend another inspector's rate limit; the import checks it again.
        try:
            envelope.open_envelope(data, lambda h: self._public_key(h.key_id), max_payload=importer.MAX_FILE,
                                   expect_kind="bundle")
        except Rejected as exc:
            raise _refusal(422, exc, **ids) from None
        ids["authenticated"] = True  # from here the key is the bundle's proven signer
        self._rate(header.key_id)
        try:
            result = importer.import_bundle(self.store, data)
        except Refused as exc:
            raise _refusal(403, exc, **ids) from None
        except Rejected as exc:
            raise _refusal(409 if exc.key == "import.other_content" else 422, exc, **ids) from None
        except CentralError as exc:
            raise Refuse.of("sync.unavailable", 503, detail=str(exc), **ids, headers={"Retry-After": "30"}) from None
        receipt_id = envelope.peek_header(result.receipt).id
        kept = sync_state.keep_receipt(self.store, result.bundle_id, receipt_id, header.key_id, result.receipt)
        return (201 if result.newly_imported else 200), kept, result.bundle_id

    def _log(self, path: str, refusal: Refuse, client: str) -> None:
        try:
            if refusal.authenticated:
                sync_state.log_refusal(self.store, status=refusal.status, path=path, key_id=refusal.key_id,
                                       bundle_id=refusal.bundle_id, reason_id=refusal.key)
            else:  # anyone can cause these: counted per address and minute, not one event each
                sync_state.log_unauthenticated(self.store, client=client, status=refusal.status, path=path,
                                               key_id=refusal.key_id, bundle_id=refusal.bundle_id,
                                               reason_id=refusal.key)
        except Exception:  # noqa: BLE001 - the store being down is itself the refusal; never hide it
            log.warning("could not log a refusal (%s) to the event log", refusal.status, exc_info=True)

    async def _answer(self, request: Request, work) -> Response:
        try:
            return await work()
        except Refuse as refusal:
            await self._blocking(self._log, request.url.path, refusal, _client(request.scope))
            return PlainTextResponse(refusal.reason + "\n", refusal.status, headers=refusal.headers)
        except CentralError as exc:
            refusal = Refuse.of("sync.unavailable", 503, detail=str(exc), headers={"Retry-After": "30"})
            return PlainTextResponse(refusal.reason + "\n", 503, headers=refusal.headers)
        except Exception as exc:  # noqa: BLE001 - the database gone away or busy: the client retries
            from sqlalchemy.exc import DBAPIError, TimeoutError as PoolTimeout

            if not isinstance(exc, (DBAPIError, PoolTimeout)):
                raise
            log.warning("database error", exc_info=True)
            return PlainTextResponse(render("sync.unavailable", "en", {"detail": "its database cannot be reached"})
                                     + "\n", 503, headers={"Retry-After": "30"})

    # -- endpoints ---------------------------------------------------------------------

    async def identity(self, request: Request) -> Response:
        async def work():
            challenge = request.query_params.get("challenge", "")
            if not proto.valid_challenge(challenge):
                raise Refuse.of("sync.challenge", 400)
            answer = await self._blocking(lambda: proto.identity_answer(
                self.store.store_id, self.store.signing_key(), challenge, __version__, FORMAT_VERSION))
            return JSONResponse(answer)
        return await self._answer(request, work)

    async def upload(self, request: Request) -> Response:
        async def work():
            length = request.headers.get("content-length")
            if length is not None:
                if not length.isdigit():
                    raise Refuse.of("sync.no_length", 411)
                if int(length) > self.max_bundle:  # refused before a byte of the body is read
                    raise Refuse.of("sync.too_large", 413, size=int(length), limit=self.max_bundle)
            elif "chunked" not in request.headers.get("transfer-encoding", "").lower():
                raise Refuse.of("sync.no_length", 411)
            body = bytearray()
            try:
                async with asyncio.timeout(self.upload_time_limit):
                    async for chunk in request.stream():
                        body += chunk
                        if len(body) > self.max_bundle:
                            raise Refuse.of("sync.too_large", 413, size=f"over {self.max_bundle}",
                                            limit=self.max_bundle)
            except TimeoutError:
                raise Refuse.of("sync.too_slow", 408, limit=self.upload_time_limit) from None
            except ClientDisconnect:
                return Response(status_code=400)  # nobody is listening; nothing was imported
            status, receipt, bundle_id = await self._blocking(self._import, bytes(body))
            return Response(receipt, status, media_type="application/octet-stream",
                            headers={"Hmip-Bundle-Id": bundle_id})
        return await self._answer(request, work)

    async def inbox(self, request: Request) -> Response:
        async def work():
            key_id = await self._blocking(self._signed, request)
            device = request.query_params.get("device")  # covered by the signature (@query)
            items = await self._blocking(sync_state.inbox, self.store, key_id, proto.INBOX_LIMIT, device)
            return JSONResponse({"items": items})
        return await self._answer(request, work)

    async def item(self, request: Request) -> Response:
        async def work():
            kind, item_id = request.path_params["kind"], request.path_params["item_id"]
            key_id = await self._blocking(self._signed, request)
            data = None
            if kind in proto.ITEM_KINDS:
                data = await self._blocking(sync_state.item, self.store, key_id, kind, item_id)
            if data is None:
                raise Refuse.of("sync.no_item", 404, kind=kind if kind in proto.ITEM_KINDS else "item", key_id=key_id,
                                authenticated=True)
            return Response(data, media_type="application/octet-stream")
        return await self._answer(request, work)


#: Request header bytes (names and values) accepted; uvicorn's h11 limit applies only to
#: headers that arrive in pieces, so this is checked on every request.
MAX_HEADERS = 16 * 1024


class HeaderLimit:
    """ASGI wrapper: 431 with the one-line reason for requests whose headers are too large
    (logged like every refusal)."""

    def __init__(self, app, service: SyncService):
        self.app, self.service = app, service

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            size = sum(len(k) + len(v) for k, v in scope.get("headers", ()))
            if size > MAX_HEADERS:
                refusal = Refuse.of("sync.headers_too_large", 431, size=size, limit=MAX_HEADERS)
                await self.service._blocking(self.service._log, scope.get("path", ""), refusal, _client(scope))
                return await PlainTextResponse(refusal.reason + "\n", 431)(scope, receive, send)
        return await self.app(scope, receive, send)


def create_app(store: CentralStore, **options) -> Starlette:
    service = SyncService(store, **options)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        try:  # stopping: the current minute's counts of unauthenticated refusals are written now
            await anyio.to_thread.run_sync(lambda: sync_state.summarise_refusals(store, final=True))
        except Exception:  # noqa: BLE001 - the store may be why we stop
            log.warning("could not summarise refusals at shutdown", exc_info=True)

    app = Starlette(lifespan=lifespan, routes=[
        Route(proto.IDENTITY_PATH, service.identity, methods=["GET"]),
        Route(proto.BUNDLES_PATH, service.upload, methods=["POST"]),
        Route(proto.INBOX_PATH, service.inbox, methods=["GET"]),
        Route(proto.ITEMS_PATH + "/{kind}/{item_id}", service.item, methods=["GET"]),
    ])
    app.state.service = service
    app.add_middleware(HeaderLimit, service=service)
    return app


def from_environment() -> Starlette:
    """The application of one uvicorn worker, configured by ``hmip serve`` through the
    environment (a worker is a fresh process: it opens the store itself)."""
    keys = os.environ.get(ENV_KEYS)
    store = CentralStore.open(os.environ[ENV_STORE], Path(keys) if keys else None)
    options = {}
    if os.environ.get(ENV_MAX_BUNDLE):
        options["max_bundle"] = int(os.environ[ENV_MAX_BUNDLE])
    if os.environ.get(ENV_RATE):
        options["rate_limit"] = int(os.environ[ENV_RATE])
    if os.environ.get(ENV_UPLOAD_TIME):
        options["upload_time_limit"] = float(os.environ[ENV_UPLOAD_TIME])
    return create_app(store, **options)
