#!/usr/bin/env bash
# Two ot-cli-ftd nodes on loopback with a known key (network key
# 00112233445566778899aabbccddeeff, PAN 0x1234, channel 11): node 1 forms
# the network, node 2 attaches, pings the leader ALOC and ff02::1, sends a
# UDP datagram. Every frame on the simulation radio is captured
# (ot-capture.py). This produced Tests/MeshTests/Fixtures/ot-2node-*.txt.
# usage: scripts/interop.d/ot-capture-2node.sh   (prints the work folder)
set -u
here=$(cd "$(dirname "$0")" && pwd)
OT=$(realpath "${OT_CLI_FTD:-$here/../../../shared/tools/openthread/ot-cli-ftd}")
export PORT_OFFSET=${PORT_OFFSET:-7}
W=$(mktemp -d /tmp/otcap.XXXX)
cd "$W"
python3 "$here/ot-capture.py" $PORT_OFFSET 60 > capture.txt &
CAP=$!
mkfifo in1 in2
( $OT -L 127.0.0.1 1 < in1 > out1.txt 2>&1 ) &
P1=$!
( $OT -L 127.0.0.1 2 < in2 > out2.txt 2>&1 ) &
P2=$!
exec 3>in1 4>in2
sleep 0.5
setup() {
for c in "dataset init new" "dataset networkkey 00112233445566778899aabbccddeeff" "dataset panid 0x1234" "dataset channel 11" "dataset extpanid dead00beef00cafe" "dataset networkname Lorikeet" "dataset meshlocalprefix fdde:ad00:beef:0::" "dataset commit active" "routerselectionjitter 1" "ifconfig up" "thread start"; do echo "$c" >&$1; sleep 0.1; done
}
setup 3
for i in $(seq 1 30); do sleep 1; echo state >&3; grep -q '^leader' out1.txt && break; done
echo extaddr >&3; echo ipaddr >&3; echo rloc16 >&3
setup 4
for i in $(seq 1 20); do sleep 1; echo state >&4; grep -qE '^(child|router)' out2.txt && break; done
echo extaddr >&4; echo ipaddr >&4; echo rloc16 >&4
sleep 0.5
echo "ping fdde:ad00:beef:0:0:ff:fe00:fc00 8 1" >&4
sleep 1
echo "udp open" >&4; echo "udp send fdde:ad00:beef:0:0:ff:fe00:fc00 1234 hello" >&4
sleep 1
echo "ping ff02::1 8 1" >&4
sleep 4
echo "state" >&4; echo "state" >&3
sleep 0.5
echo "exit" >&3; echo "exit" >&4
sleep 1
kill $P1 $P2 $CAP 2>/dev/null
echo "$W"
