"""A TCP proxy on 127.0.0.1 that breaks connections on purpose (TLS passes through it
untouched: the laptop still talks TLS to the real server behind it).

Modes: ``pass`` forwards everything; ``cut_upload`` closes both sides once ``limit``
bytes have gone from the laptop to the server since the server last sent anything (the
handshake and the identity request are answered first: what goes up unanswered after
them is the upload, dropped after N bytes);
``drop_answer`` forwards the whole request but closes the connection at the first byte
the server sends once more than ``limit`` bytes have gone up (the import ran; its answer
is lost on the way back);
``throttle`` forwards everything, the laptop's bytes ``limit`` at a time with a pause of
``delay`` seconds between them (a slow uplink: a long transfer).
"""

from __future__ import annotations

import socket
import threading
import time


class BreakingProxy:
    def __init__(self, target_port: int, mode: str = "pass", limit: int = 0, delay: float = 0.0):
        self.target_port, self.mode, self.limit, self.delay = target_port, mode, limit, delay
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.broken = 0
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            state = {"up": 0, "unanswered": 0, "closed": False}
            threading.Thread(target=self._pipe, args=(client, server, state, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, state, False), daemon=True).start()

    def _close(self, a: socket.socket, b: socket.socket, state: dict, broken: bool) -> None:
        if not state["closed"]:
            state["closed"] = True
            self.broken += broken
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _pipe(self, src: socket.socket, dst: socket.socket, state: dict, upward: bool) -> None:
        try:
            size = self.limit if self.mode == "throttle" and upward else 16384
            while data := src.recv(size):
                if upward and self.mode == "throttle":
                    time.sleep(self.delay)
                elif upward:
                    if self.mode == "cut_upload" and state["unanswered"] + len(data) > self.limit:
                        dst.sendall(data[: self.limit - state["unanswered"]])
                        return self._close(src, dst, state, True)
                    state["up"] += len(data)
                    state["unanswered"] += len(data)
                elif self.mode == "drop_answer" and state["up"] > self.limit:
                    return self._close(src, dst, state, True)
                else:
                    state["unanswered"] = 0
                dst.sendall(data)
        except OSError:
            pass
        self._close(src, dst, state, False)

    def close(self) -> None:
        self._stop = True
        self.listener.close()
