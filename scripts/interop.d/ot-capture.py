#!/usr/bin/env python3
"""Listens on OpenThread's simulation radio (UDP multicast 224.0.0.116,
port 9000 + 34*PORT_OFFSET) and prints one line per frame:
`<sender node id> <channel> <psdu hex>`. Used to capture fixtures for
Tests/MeshTests (see Tests/MeshTests/Fixtures/README.md).

usage: ot-capture.py PORT_OFFSET SECONDS
"""
import socket, struct, sys, time

offset = int(sys.argv[1])
seconds = float(sys.argv[2])
port = 9000 + 34 * offset
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
s.bind(("224.0.0.116", port))
mreq = struct.pack("4s4s", socket.inet_aton("224.0.0.116"), socket.inet_aton("127.0.0.1"))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
s.settimeout(0.2)
end = time.time() + seconds
while time.time() < end:
    try:
        data, (host, sport) = s.recvfrom(2048)
    except socket.timeout:
        continue
    node = sport - port
    print(f"{time.time():.3f} {node} {data[0]} {data[1:].hex()}", flush=True)
