"""The sync service (docs/sync.md): an ASGI application over core.central, served by
uvicorn (``hmip serve``). No Qt, no state in memory: everything shared lives in the
central database, so several workers or hosts can serve one store."""
