#!/usr/bin/env python3
"""A real Modbus TCP server (pymodbus) with known data, for the WebMacs Modbus plugin tests.

Usage: modbus_test_server.py [--host 127.0.0.1] [--port 0]
Prints "READY <port>" on stdout once it accepts connections (port 0 picks a free port), and exits when its
standard input closes, so it never outlives the test process that started it.

Written against the pymodbus 3.0 API of Debian's python3-pymodbus (zero_mode: request address N is data index N).
The data below is mirrored in TestServerData.cs; change both together.
"""
import argparse
import asyncio
import os
import struct
import sys
import threading

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext

try:  # pymodbus < 3.10
    from pymodbus.datastore import ModbusSlaveContext as DeviceContext
except ImportError:  # pragma: no cover - newer pymodbus renamed it
    from pymodbus.datastore import ModbusDeviceContext as DeviceContext
from pymodbus.server.async_io import ModbusTcpServer


def words(fmt, value):
    """Pack a value big-endian and split it into 16-bit registers, most significant first."""
    raw = struct.pack(">" + fmt, value)
    return [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]


def swap_bytes(registers):
    return [((r & 0xFF) << 8) | (r >> 8) for r in registers]


def holding_registers():
    hr = [0] * 300
    hr[0:4] = [1, 2, 3, 4]
    hr[10] = words("h", -1234)[0]
    hr[11] = 54321
    hr[12:14] = words("i", -123456789)                        # int32, big word order
    hr[14:16] = list(reversed(words("i", -123456789)))        # int32, little word order
    hr[16:18] = words("I", 3000000000)                        # uint32
    hr[18:20] = words("f", 123.456)                           # float32, big word order
    hr[20:22] = list(reversed(words("f", 123.456)))           # float32, little word order
    hr[22:26] = words("d", -9876.54321)                       # float64
    hr[26:30] = words("q", -1234567890123)                    # int64
    hr[30:32] = swap_bytes(words("f", 123.456))               # float32, big word order, bytes swapped in each word
    hr[100] = 1805                                            # temperature, 0.1 degC per count
    hr[101] = 7                                               # filler between temperature and flow
    hr[102] = 4512                                            # flow, 0.01 L/min per count
    hr[200] = 5000                                            # valve setpoint, 0.01 % per count
    # 150..199 and 201..299 are zero and free for write tests.
    return hr


def input_registers():
    ir = [0] * 100
    ir[0:5] = [100, 200, 300, 400, 500]
    ir[10:12] = words("f", -40.25)
    return ir


def coils():
    co = [False] * 100
    co[0:8] = [True, False, True, True, False, False, True, False]
    return co


def discrete_inputs():
    di = [False] * 100
    di[0:10] = [False, True, True, False, True, False, False, False, True, True]
    return di


def build_context():
    device = DeviceContext(
        co=ModbusSequentialDataBlock(0, coils()),
        di=ModbusSequentialDataBlock(0, discrete_inputs()),
        hr=ModbusSequentialDataBlock(0, holding_registers()),
        ir=ModbusSequentialDataBlock(0, input_registers()),
        zero_mode=True,
    )
    return ModbusServerContext(slaves=device, single=True)


def exit_when_stdin_closes():
    try:
        sys.stdin.read()
    finally:
        os._exit(0)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    server = ModbusTcpServer(build_context(), address=(args.host, args.port), allow_reuse_address=True)
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    port = server.server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    await task


if __name__ == "__main__":
    asyncio.run(main())
