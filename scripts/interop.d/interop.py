#!/usr/bin/env python3
"""make interop: Lorikeet mesh nodes and OpenThread's ot-cli-ftd on one simulated Thread network.

Usage: interop.py OT_CLI_FTD LORIKEET [PORT_OFFSET_BASE]
Each scenario runs its nodes in their own temporary directories on its own PORT_OFFSET.
"""
import re, sys, time
sys.path.insert(0, __import__("os").path.dirname(__file__))
from nodes import Network, configure

OT, LK = sys.argv[1], sys.argv[2]
BASE = int(sys.argv[3]) if len(sys.argv) > 3 else 41
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(("PASS " if ok else "FAIL ") + name + (f"  ({detail})" if detail else ""), flush=True)


def ping_ok(node, address, count=2):
    try:
        out = node.cmd(f"ping {address} 16 {count} 0.2 64 3", timeout=20)
    except Exception as e:
        return False, str(e)
    summary = [l for l in out if "packets transmitted" in l]
    return bool(summary) and f"{count} packets received" in summary[0], summary[0] if summary else out


def ping_check(name, node, address):
    ok, detail = ping_ok(node, address)
    check(name, ok, detail)


def scenario(offset, body):
    net = Network(OT, LK, offset)
    try:
        body(net)
    except Exception as e:
        check(f"scenario on PORT_OFFSET {offset} ran to the end", False, repr(e))
    finally:
        net.close()


def ot_leader_lorikeet_joins(net):
    ot1 = net.ot(1); configure(ot1)
    check("ot-cli-ftd node 1 becomes leader", ot1.wait_state(["leader"], 20) == "leader")
    lk2 = net.lk(2); configure(lk2)
    check("Lorikeet node 2 attaches as a child of the OpenThread leader", lk2.wait_state(["child", "router"], 15) in ("child", "router"))
    check("Lorikeet node 2 becomes a router", lk2.wait_state(["router"], 20) == "router")
    ot3 = net.ot(3); ot3.cmd("routereligible disable"); configure(ot3)
    lk4 = net.lk(4); lk4.cmd("routereligible disable"); configure(lk4)
    check("ot-cli-ftd node 3 (not router-eligible) attaches as a child", ot3.wait_state(["child"], 20) == "child")
    check("Lorikeet node 4 (not router-eligible) attaches as a child", lk4.wait_state(["child"], 20) == "child")
    time.sleep(3)
    rloc = {n.name: n.value("ipaddr rloc") for n in (ot1, lk2, ot3, lk4)}
    mleid = {n.name: n.value("ipaddr mleid") for n in (ot1, lk2, ot3, lk4)}
    ping_check("OpenThread leader pings the Lorikeet router's RLOC", ot1, rloc["lk2"])
    ping_check("OpenThread leader pings the Lorikeet router's ML-EID", ot1, mleid["lk2"])
    ping_check("Lorikeet router pings the OpenThread leader's RLOC", lk2, rloc["ot1"])
    ping_check("Lorikeet router pings the OpenThread leader's ML-EID", lk2, mleid["ot1"])
    # Each child pings the router that is not its parent: two hops through its parent.
    for child in (ot3, lk4):
        parent = [l for l in child.cmd("parent") if l.startswith("Rloc:")][0].split()[1]
        other = "lk2" if rloc["ot1"].endswith(":" + parent.lstrip("0")) else "ot1"
        via = "ot1" if other == "lk2" else "lk2"
        ping_check(f"{child.name} (child of {via}) pings {other}'s RLOC over two hops", child, rloc[other])
        ping_check(f"{child.name} (child of {via}) pings {other}'s ML-EID over two hops", child, mleid[other])
    # UDP both ways (OpenThread's `udp` CLI on both kinds).
    for n in (ot1, lk2):
        n.cmd("udp open"); n.cmd("udp bind :: 1234")
    lk2.cmd(f"udp send {mleid['ot1']} 1234 hello-from-lorikeet")
    try:
        check("UDP Lorikeet -> OpenThread", ot1.wait_line(r"bytes from .* hello-from-lorikeet", 5))
    except TimeoutError as e:
        check("UDP Lorikeet -> OpenThread", False, str(e))
    ot1.cmd(f"udp send {mleid['lk2']} 1234 hello-from-openthread")
    try:
        check("UDP OpenThread -> Lorikeet", lk2.wait_line(r"bytes from .* hello-from-openthread", 5))
    except TimeoutError as e:
        check("UDP OpenThread -> Lorikeet", False, str(e))
    cli_shapes(ot1, lk2)
    border_router(ot1, [ot1, lk2, ot3, lk4], "fd00:1234:0:0")
    border_router(lk2, [ot1, lk2, ot3, lk4], "fd00:abcd:0:0")


def wait_prefix(node, prefix, present, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        # OpenThread deprecates a SLAAC address whose prefix left the network data
        # (preferred:0) before it removes it: deprecated counts as gone.
        if node.name.startswith("ot"):
            has = any(l.startswith(prefix) and "preferred:1" in l for l in node.cmd("ipaddr -v"))
        else:
            has = any(l.startswith(prefix) for l in node.cmd("ipaddr"))
        if has == present:
            return True
        time.sleep(0.5)
    return False


def border_router(set_on, nodes, prefix):
    """A prefix added on `set_on` gives every node a SLAAC address in it; removed, it goes."""
    text = prefix + "::/64"
    set_on.cmd(f"prefix add {text} paros")
    set_on.cmd("netdata register")
    for n in nodes:
        check(f"prefix {text} from {set_on.name}: {n.name} gets an address in it", wait_prefix(n, prefix + ":", True))
    set_on.cmd(f"prefix remove {text}")
    set_on.cmd("netdata register")
    for n in nodes:
        check(f"prefix {text} removed on {set_on.name}: {n.name} drops its address (OpenThread: deprecates it)",
              wait_prefix(n, prefix + ":", False))


SHAPES = {
    "state": r"^(disabled|detached|child|router|leader)$",
    "rloc16": r"^[0-9a-f]{4}$",
    "extaddr": r"^[0-9a-f]{16}$",
    "panid": r"^0x[0-9a-f]{4}$",
    "channel": r"^\d+$",
    "networkkey": r"^[0-9a-f]{32}$",
    "extpanid": r"^[0-9a-f]{16}$",
    "networkname": r"^\S+$",
    "partitionid": r"^\d+$",
    "leaderweight": r"^\d+$",
    "childtimeout": r"^\d+$",
    "routerupgradethreshold": r"^\d+$",
    "routerdowngradethreshold": r"^\d+$",
    "routerselectionjitter": r"^\d+$",
}


def shape(line):
    return re.sub(r"[0-9a-f]", "x", line)


def cli_shapes(ot, lk):
    for command, rx in SHAPES.items():
        a, b = ot.cmd(command), lk.cmd(command)
        check(f"cli '{command}' has the same shape", len(a) == len(b) == 1 and re.match(rx, a[0]) and re.match(rx, b[0]), f"{a} vs {b}")
    a, b = ot.cmd("leaderdata"), lk.cmd("leaderdata")
    check("cli 'leaderdata' has the same shape", [l.split(":")[0] for l in a] == [l.split(":")[0] for l in b], f"{a} vs {b}")
    a, b = ot.cmd("router table"), lk.cmd("router table")
    check("cli 'router table' has the same shape", a[:2] == b[:2] and len(a) == len(b)
          and [len(l) for l in a] == [len(l) for l in b], f"{len(a)} vs {len(b)} lines")
    a, b = ot.cmd("ipaddr"), lk.cmd("ipaddr")
    check("cli 'ipaddr' lists addresses in OpenThread's form", all(re.match(r"^[0-9a-f:]+$", l) for l in a + b)
          and b[-1].startswith("fe80:0:0:0:") and a[-1].startswith("fe80:0:0:0:"), f"{a} vs {b}")


def wait_value(node, command, expected, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if node.value(command) == expected:
            return True
        time.sleep(0.5)
    return False


def key_sequence(lk, ot):
    """`keysequence counter` set on one kind, the other follows: a jump (0 -> 5) through MLE
    (the follower re-establishes the link on the peer's Advertisement and takes the sequence
    from the authoritative Link Accept), the next sequence (5 -> 6) from MAC frames under the
    next key; ping works afterwards."""
    for setter, follower, sequence in ((lk, ot, 5), (ot, lk, 6)):
        setter.cmd(f"keysequence counter {sequence}")
        if sequence == 6:
            ping_ok(setter, follower.value("ipaddr rloc"), count=1)
        ok = wait_value(follower, "keysequence counter", str(sequence), 45)
        check(f"keysequence counter {sequence} set on {setter.name}: {follower.name} follows", ok,
              follower.value("keysequence counter"))
        ping_check(f"after the switch to {sequence}: {follower.name} pings {setter.name}'s ML-EID", follower,
                   setter.value("ipaddr mleid"))
        ping_check(f"after the switch to {sequence}: {setter.name} pings {follower.name}'s RLOC", setter,
                   follower.value("ipaddr rloc"))


def lorikeet_leader_ot_joins(net):
    lk1 = net.lk(1); configure(lk1)
    check("Lorikeet node 1 becomes leader", lk1.wait_state(["leader"], 20) == "leader")
    ot2 = net.ot(2); configure(ot2)
    check("ot-cli-ftd node 2 attaches to the Lorikeet leader", ot2.wait_state(["child", "router"], 15) in ("child", "router"))
    check("ot-cli-ftd node 2 becomes a router", ot2.wait_state(["router"], 20) == "router")
    check("both report the same partition", ot2.value("partitionid") == lk1.value("partitionid"))
    time.sleep(2)
    ping_check("OpenThread router pings the Lorikeet leader's RLOC", ot2, lk1.value("ipaddr rloc"))
    ping_check("OpenThread router pings the Lorikeet leader's ML-EID", ot2, lk1.value("ipaddr mleid"))
    ping_check("Lorikeet leader pings the OpenThread router's RLOC", lk1, ot2.value("ipaddr rloc"))
    ping_check("Lorikeet leader pings the OpenThread router's ML-EID", lk1, ot2.value("ipaddr mleid"))
    border_router(lk1, [lk1, ot2], "fd00:1111:0:0")
    border_router(ot2, [lk1, ot2], "fd00:2222:0:0")
    key_sequence(lk1, ot2)
    # A Lorikeet node with another key never attaches; OpenThread drops its frames.
    lk3 = net.lk(3, ["--key", "112233"]); configure(lk3, key="11223300000000000000000000000000")
    time.sleep(12)
    state = lk3.value("state")
    check("Lorikeet node with the wrong key never attaches (it forms its own partition)",
          state in ("detached", "leader") and lk3.value("partitionid") != lk1.value("partitionid"), state)
    ext = lk3.value("extaddr")
    check("the wrong-key node is no neighbour of the OpenThread node",
          all(ext not in l for l in ot2.cmd("neighbor table")) and all(ext not in l for l in ot2.cmd("router table")))


scenario(BASE, ot_leader_lorikeet_joins)
scenario(BASE + 1, lorikeet_leader_ot_joins)
failed = [n for n, ok in results if not ok]
print(f"interop: {len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed or not results else 0)
