"""Drive ot-cli-ftd and `lorikeet mesh node` processes through their CLIs (stdin/stdout).

Each node runs in its own temporary directory; every wait is bounded by a timeout.
"""
import os, subprocess, threading, time, queue, re, tempfile, shutil


class Node:
    def __init__(self, name, argv, cwd, env):
        self.name = name
        self.lines = queue.Queue()
        self.log = []
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.log.append(line)
            self.lines.put(line)

    def cmd(self, command, timeout=10.0):
        """Runs one command; returns its output lines (without the echo and Done)."""
        while not self.lines.empty():
            self.lines.get_nowait()
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        out = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                break
            line = line.replace("\r", "")
            if line.startswith("> "):
                line = line[2:]
                if line.strip() == command.strip():
                    continue
            if line == "Done":
                return out
            if line.startswith("Error "):
                raise RuntimeError(f"{self.name}: '{command}' -> {line}")
            out.append(line)
        raise TimeoutError(f"{self.name}: '{command}' gave no Done within {timeout}s (got {out})")

    def wait_line(self, pattern, timeout):
        """Waits until some output line (since start) matches the regex; returns it."""
        deadline = time.time() + timeout
        rx = re.compile(pattern)
        while time.time() < deadline:
            for line in list(self.log):
                if rx.search(line):
                    return line
            time.sleep(0.1)
        raise TimeoutError(f"{self.name}: no output line matching {pattern!r} within {timeout}s")

    def value(self, command):
        out = [l for l in self.cmd(command) if l.strip()]
        return out[0].strip() if out else ""

    def wait_state(self, states, timeout):
        deadline = time.time() + timeout
        state = ""
        while time.time() < deadline:
            state = self.value("state")
            if state in states:
                return state
            time.sleep(0.3)
        raise TimeoutError(f"{self.name}: state {state}, wanted {states} within {timeout}s")

    def stop(self):
        try:
            self.proc.stdin.write("exit\n" if self.name.startswith("lk") else "factoryreset\n")
            self.proc.stdin.flush()
            self.proc.stdin.close()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Network:
    def __init__(self, ot_cli, lorikeet, port_offset):
        self.ot_cli, self.lorikeet, self.port_offset = ot_cli, lorikeet, port_offset
        self.nodes = []
        self.tmp = tempfile.mkdtemp(prefix="lorikeet-interop-")

    def _env(self):
        env = dict(os.environ)
        env["PORT_OFFSET"] = str(self.port_offset)
        return env

    def ot(self, node_id):
        d = os.path.join(self.tmp, f"ot{node_id}")
        os.makedirs(d, exist_ok=True)
        n = Node(f"ot{node_id}", [self.ot_cli, "-L", "127.0.0.1", str(node_id)], d, self._env())
        self.nodes.append(n)
        return n

    def lk(self, node_id, extra=()):
        d = os.path.join(self.tmp, f"lk{node_id}")
        os.makedirs(d, exist_ok=True)
        n = Node(f"lk{node_id}", [self.lorikeet, "mesh", "node", "--radio", f"ot-sim:{node_id}", *extra], d, self._env())
        self.nodes.append(n)
        return n

    def close(self):
        for n in self.nodes:
            n.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


DATASET = [
    "dataset init new",
    "dataset networkkey 0134c0de1ab51234c0de1ab5ca1a110f",
    "dataset panid 0x1234",
    "dataset extpanid dead00beef00cafe",
    "dataset channel 11",
    "dataset meshlocalprefix fdde:ad00:beef:0::",
    "dataset networkname Pymesh",
    "dataset activetimestamp 1",
    "dataset commit active",
]


def configure(node, key=None, jitter=1):
    for c in DATASET:
        if key and c.startswith("dataset networkkey"):
            c = "dataset networkkey " + key
        node.cmd(c)
    node.cmd(f"routerselectionjitter {jitter}")
    node.cmd("ifconfig up")
    node.cmd("thread start")
