"""The mock's connections send each answer in one write: status line, headers and body together.

uvicorn writes the head and the body of a response separately; the mock's transport keeps the
writes of one turn of the event loop and sends them as one, which halves the system calls and
packets of a small answer. Nothing may be lost or reordered on the way, and a close must
still send what was written before it.
"""

from __future__ import annotations

import asyncio

from contract_tests.mock.server import _CoalescedWrites


class _Recorder(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str, default: object = None) -> object:
        return f"extra:{name}"


def test_writes_of_one_turn_leave_as_one_in_order() -> None:
    async def scenario() -> list[list[bytes]]:
        inner = _Recorder()
        transport = _CoalescedWrites(inner, asyncio.get_running_loop())
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        transport.write(b"ok")
        seen = [list(inner.writes)]  # nothing sent before the turn ends
        await asyncio.sleep(0)
        seen.append(list(inner.writes))
        transport.write(b"next")
        await asyncio.sleep(0)
        seen.append(list(inner.writes))
        return seen

    before, after_first, after_second = asyncio.run(scenario())
    assert before == []
    assert after_first == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"]
    assert after_second == [*after_first, b"next"]


def test_close_sends_what_was_written_first_and_nothing_after() -> None:
    async def scenario() -> _Recorder:
        inner = _Recorder()
        transport = _CoalescedWrites(inner, asyncio.get_running_loop())
        transport.write(b"head")
        transport.close()
        transport.write(b"late")  # written after the close: dropped, as a closed transport drops it
        await asyncio.sleep(0)
        assert transport.get_extra_info("peername") == "extra:peername"  # the rest is the transport's
        return inner

    inner = asyncio.run(scenario())
    assert inner.writes == [b"head"]
    assert inner.closed
