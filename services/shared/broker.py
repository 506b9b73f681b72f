"""An embedded local Apache Kafka broker (KRaft, single node) for tests and `recruitwatch up`.

The jars come from Maven Central through deploy/kafka/install.sh; nothing else is downloaded.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALL_SCRIPT = REPO_ROOT / "deploy" / "kafka" / "install.sh"
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 20.0
BROKER_HEAP = "-Xmx768m"


class BrokerError(RuntimeError):
    """The local broker could not be installed or started."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kafka_libs() -> Path:
    """Install (once, cached) and return the directory holding the broker jars."""
    if not INSTALL_SCRIPT.exists():
        raise BrokerError(f"{INSTALL_SCRIPT} is missing: run from a recruitwatch checkout")
    proc = subprocess.run([str(INSTALL_SCRIPT)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BrokerError(f"installing the Kafka jars failed:\n{proc.stderr[-4000:]}")
    return Path(proc.stdout.strip().splitlines()[-1])


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the parent dies, so no broker is orphaned."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _properties(port: int, controller_port: int, data: Path) -> str:
    return "\n".join(
        [
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@127.0.0.1:{controller_port}",
            f"listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{port}",
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            f"log.dirs={data}",
            "num.partitions=4",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=8",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "log.cleaner.backoff.ms=5000",
            "",
        ]
    )


@dataclass
class LocalKafka:
    """A single-node KRaft broker on free ports with a temporary data directory."""

    port: int = 0
    controller_port: int = 0
    data_dir: Path | None = None
    keep_data: bool = False
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _tmp: Path | None = field(default=None, repr=False)

    @property
    def bootstrap(self) -> str:
        """host:port of the broker."""
        return f"127.0.0.1:{self.port}"

    def start(self) -> LocalKafka:
        """Format storage (first start), start the broker and wait until it serves metadata."""
        libs = kafka_libs()
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="recruitwatch-kafka-"))
        self.data_dir = self.data_dir or self._tmp / "data"
        self.port = self.port or free_port()
        self.controller_port = self.controller_port or free_port()
        props = self._tmp / "server.properties"
        props.write_text(_properties(self.port, self.controller_port, self.data_dir))
        classpath = f"{libs}/*"
        if not (self.data_dir / "meta.properties").exists():
            self._format(classpath, props)
        self._spawn(classpath, props, libs.parent / "log4j2.yaml")
        self._wait_ready()
        log.info("local kafka started", extra={"bootstrap": self.bootstrap, "data_dir": str(self.data_dir)})
        return self

    def _format(self, classpath: str, props: Path) -> None:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        cmd = ["java", "-cp", classpath, "kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}", f"--config={props}"]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise BrokerError(f"kafka storage format failed: {proc.stdout}{proc.stderr}")

    def _spawn(self, classpath: str, props: Path, log4j: Path) -> None:
        assert self._tmp is not None
        out = (self._tmp / "broker.log").open("ab")
        cmd = ["java", BROKER_HEAP, f"-Dlog4j2.configurationFile={log4j}", "-cp", classpath, "kafka.Kafka", str(props)]
        self.process = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent, start_new_session=True
        )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise BrokerError(f"kafka exited with {self.process.returncode}:\n{self.log_tail()}")
            if self._serves_metadata():
                return
            time.sleep(0.3)
        self.stop()
        raise BrokerError(f"kafka did not start within {START_TIMEOUT_S:.0f}s:\n{self.log_tail()}")

    def _serves_metadata(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                pass
        except OSError:
            return False
        return "Kafka Server started" in self.log_tail(20000)

    def log_tail(self, limit: int = 4000) -> str:
        """The end of the broker's log, for error messages."""
        path = (self._tmp or Path("/nonexistent")) / "broker.log"
        return path.read_text(errors="replace")[-limit:] if path.exists() else ""

    def stop(self) -> None:
        """Stop the broker (SIGTERM, then SIGKILL) and remove its data unless keep_data."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if not self.keep_data and self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def kill(self) -> None:
        """SIGKILL the broker, keeping its data (for restart tests)."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def restart(self) -> None:
        """Start again on the same ports and data after stop(keep_data) or kill()."""
        self.keep_data = True
        self.start()

    def __enter__(self) -> LocalKafka:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
