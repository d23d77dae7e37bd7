"""The network commands of ``hmip``: ``serve`` (the sync service over a central store)
and ``sync`` (one sync of a laptop's field store with it). See docs/sync.md."""

from __future__ import annotations

import argparse
import ipaddress
import os
from pathlib import Path

from .common import CliError, field_store, key, keys_dir, progress_bar


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..core.central.store import CentralStore
    from ..core.messages import render
    from ..server import app as server_app

    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("give both --tls-cert and --tls-key, or neither")
    if not args.tls_cert and args.host != "127.0.0.1":
        raise CliError(render("sync.plain_http", "en", {}))
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    try:
        ipaddress.ip_address(args.host)
    except ValueError:
        if args.host != "localhost":
            raise CliError(f"--host {args.host}: give an IP address to listen on") from None
    # Open once here so that a missing store, keys folder or key passphrase is one line now,
    # not a traceback in each worker.
    store = CentralStore.open(args.store, keys_dir(args))
    store.identity()
    store.signing_key()
    store.engine.dispose()
    os.environ[server_app.ENV_STORE] = args.store
    if args.keys:
        os.environ[server_app.ENV_KEYS] = str(Path(args.keys).resolve())
    elif store.keys_dir is not None:
        os.environ[server_app.ENV_KEYS] = str(Path(store.keys_dir).resolve())
    if args.max_bundle:
        os.environ[server_app.ENV_MAX_BUNDLE] = str(args.max_bundle)
    if args.rate_limit:
        os.environ[server_app.ENV_RATE] = str(args.rate_limit)
    if args.upload_time:
        os.environ[server_app.ENV_UPLOAD_TIME] = str(args.upload_time)
    scheme = "https" if args.tls_cert else "http"
    print(f"hmip serve: {scheme}://{args.host}:{args.port} ({args.workers} worker{'s' * (args.workers > 1)})",
          flush=True)
    uvicorn.run("hmip_desktop.server.app:from_environment", factory=True, host=args.host, port=args.port,
                workers=args.workers, ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key,
                h11_max_incomplete_event_size=16 * 1024, timeout_keep_alive=5, timeout_graceful_shutdown=30,
                limit_concurrency=256, log_level="warning", access_log=False, server_header=False)
    return 0


def sync(args: argparse.Namespace) -> int:
    from ..core import paths
    from ..core.field.sync_client import sync as run_sync

    signing = key(args.key or str(paths.data_dir() / "key"))
    with field_store(args.field_db) as db:
        result = run_sync(db, Path(args.field_db), signing, args.server, ca=Path(args.ca) if args.ca else None,
                          progress=progress_bar("Sending"))
    print(result.describe())
    for bundle_id, reason in result.refused.items():
        print(f"{'bundle ' if len(bundle_id) == 32 else ''}{bundle_id}: refused: {reason}")
    for inspection in result.purgeable:  # as after `hmip receipt`: the inspector decides
        print(f"inspection {inspection}: the central store holds every case read as it is on this laptop; "
              f"`hmip purge {args.field_db} --inspection {inspection}` removes it from this laptop")
    return 1 if result.refused else 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub) -> None:
    p = sub.add_parser("serve", help="run the sync service over a central store (HTTPS)")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--tls-cert", metavar="F", help="certificate chain (PEM); without it only 127.0.0.1 may be served")
    p.add_argument("--tls-key", metavar="F", help="the certificate's private key (PEM)")
    p.add_argument("--keys", metavar="DIR", help="the central store's keys folder (default STORE.keys)")
    p.add_argument("--workers", type=int, default=1, metavar="N")
    p.add_argument("--max-bundle", type=_positive, metavar="BYTES", help="a lower cap on an upload's size")
    p.add_argument("--rate-limit", type=_positive, metavar="N", help="requests per key and minute (default 120)")
    p.add_argument("--upload-time", type=_positive, metavar="SECONDS",
                   help="time an upload may take to arrive (default 300)")
    p.set_defaults(func=serve)

    p = sub.add_parser("sync", help="send this laptop's bundles to the central store and fetch what waits")
    p.add_argument("field_db", metavar="FIELD_DB")
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--key", metavar="DIR", help="your key folder (default: the application's data folder/key)")
    p.add_argument("--ca", metavar="CERT.pem", help="trust this certificate authority for the server")
    p.set_defaults(func=sync)
