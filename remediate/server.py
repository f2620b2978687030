"""The emulated device behind a real SSH server (asyncssh), for tests and benchmarks.

``serve(device_factory, port=0)`` listens on 127.0.0.1 and gives each session a fresh
CLI: the prompt per view, each typed line echoed by the terminal and answered as
:class:`.emulator.Device` answers it. asyncssh is a test dependency, imported here only.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .emulator import Device


@dataclass
class Server:
    """A running server: its port, the devices of its sessions, and how to stop it."""

    port: int
    devices: list[Device] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _stop: Callable[[], None] | None = None

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop)
        if self._thread is not None:
            self._thread.join(timeout=10)


def serve(make_device: Callable[[], Device], username: str, password: str) -> Server:
    """Start the server in a thread of its own; returns once it listens."""
    import asyncssh

    ready = threading.Event()
    server = Server(0)

    async def session(process: Any) -> None:
        device = make_device()
        device.execute("return")  # a session starts in user view
        server.devices.append(device)
        process.stdout.write(f"Info: emulated device.\r\n{device.prompt}")
        try:
            while True:
                line = await process.stdin.readline()
                if not line:
                    break
                reply = device.execute(line.rstrip("\r\n"))
                if reply.output:
                    process.stdout.write(
                        reply.output.replace("\n", "\r\n") + ("" if reply.confirm else "\r\n")
                    )
                if not reply.confirm:
                    process.stdout.write(device.prompt)
        except (asyncssh.BreakReceived, asyncssh.TerminalSizeChanged, ConnectionError):
            pass
        process.exit(0)

    class Auth(asyncssh.SSHServer):
        def begin_auth(self, name: str) -> bool:
            return True

        def password_auth_supported(self) -> bool:
            return True

        def validate_password(self, name: str, given: str) -> bool:
            return name == username and given == password

    async def main() -> None:
        key = asyncssh.generate_private_key("ssh-ed25519")
        listener = await asyncssh.create_server(
            Auth, "127.0.0.1", 0, server_host_keys=[key], process_factory=session, line_editor=True
        )
        server.port = listener.sockets[0].getsockname()[1]
        stopped = asyncio.Event()
        server._stop = stopped.set
        ready.set()
        await stopped.wait()
        listener.close()

    def run() -> None:
        loop = asyncio.new_event_loop()
        server._loop = loop
        loop.run_until_complete(main())
        loop.close()

    server._thread = threading.Thread(target=run, daemon=True)
    server._thread.start()
    ready.wait(timeout=30)
    return server


__all__ = ["Server", "serve"]
