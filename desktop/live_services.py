"""The demo's live feeds as child processes: the JT/T 808 GPS server, the simulated fleet that
drives it over loopback TCP, and whatever else registers (the vision worker), each the very
``shian`` command an operator would run (``shian gps serve …``, run by the desktop's Python).

They start only for the embedded demo database on a live desktop (not with ``--no-live``, not
for screenshots, not for a shared ``--db`` database unless ``SHIAN_DEMO_FEEDS=1`` asks for it),
in dependency order: the simulator waits for the server's "listening on HOST:PORT" line to
learn its port. A feed that dies is restarted with backoff (its dependents with it); all stop
when the window closes, with SIGINT so the GPS server writes what it holds. A status-bar badge
says what runs.

Another feed joins by registering a ``ServiceSpec`` while the panels are installed (services
start once the window is built), e.g. from a panel's ``install``::

    live_services.register_service(ServiceSpec("vision", lambda ctx: ["vision", "worker"]))
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal
from PySide6.QtWidgets import QLabel

from core.db.engine import ENV_DB, resolve_url

log = logging.getLogger("shian.live")
# Each feed runs ``shian`` (desktop.cli) in its own Python. SIGINT (how feeds are stopped) is made
# to interrupt it even when the desktop was started in the background, where it is ignored; and on
# Linux the kernel is asked to send it when the desktop dies, so a desktop that crashes or is
# killed leaves no feed behind.
_CHILD = """import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # even if the desktop was started ignoring it
if sys.platform.startswith("linux"):
    import ctypes, os
    ctypes.CDLL(None).prctl(1, int(signal.SIGINT))  # PR_SET_PDEATHSIG
    if os.getppid() != int(os.environ["SHIAN_PARENT_PID"]):
        sys.exit(0)  # the desktop died before the request took hold
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""
ENV_FORCE = "SHIAN_DEMO_FEEDS"
DEMO_VISION_CAMERAS = 8  # a handful: the desktop's own wall decodes and detects on the same two cores
STOP_WAIT_MS = 8000
MAX_BACKOFF_S = 60


@dataclass(frozen=True)
class ServiceSpec:
    """One feed. ``argv(ctx)`` gives its ``shian`` arguments from what the services it needs
    announced; ``ready`` matches the stdout line that says it is up, and its named groups go into
    ``ctx`` for the services started after it (without ``ready`` it counts as up once started)."""

    name: str
    argv: Callable[[dict], list[str]]
    ready: re.Pattern | None = None
    needs: tuple[str, ...] = ()


def demo_services() -> list[ServiceSpec]:
    return [
        ServiceSpec("gps", lambda ctx: ["gps", "serve", "--host", "127.0.0.1", "--port", "0"],
                    re.compile(r"listening on (?P<gps_host>[\w.:]+):(?P<gps_port>\d+)")),
        ServiceSpec("simulator", lambda ctx: ["gps", "simulate", "--host", ctx["gps_host"], "--port", ctx["gps_port"]],
                    re.compile(r"simulating (?P<vehicles>\d+) vehicles"), needs=("gps",)),
    ]


def vision_service() -> ServiceSpec:
    """The demo's vision worker (the camera panel registers it): it leases the demo city's first
    cameras, among them scripted faults (demo://kitchen/2 and /6), so alerts arrive in the queue."""
    return ServiceSpec("vision", lambda ctx: ["vision", "worker", "--max-cameras", str(DEMO_VISION_CAMERAS),
                                              "--log-level", "WARNING"])


_REGISTERED: dict[str, ServiceSpec] = {}


def register_service(spec: ServiceSpec) -> None:
    """Add a feed to the ones the desktop starts for the demo (same name: replaced)."""
    _REGISTERED[spec.name] = spec


def all_services() -> list[ServiceSpec]:
    specs = {s.name: s for s in demo_services()}
    specs.update(_REGISTERED)
    return list(specs.values())


def wanted(hub) -> bool:
    """Feeds run for a live desktop on the embedded demo database, or anywhere when asked."""
    if not hub.live:  # not --no-live, not screenshots
        return False
    if os.environ.get(ENV_FORCE) == "1":
        return True
    return not os.environ.get(ENV_DB) and hub.db.url == resolve_url(None)


class _Service:
    def __init__(self, spec: ServiceSpec):
        self.spec = spec
        self.process: QProcess | None = None
        self.state = "waiting"  # waiting, starting, running, restarting, stopped, failed
        self.info: dict = {}
        self.stderr: deque[str] = deque(maxlen=40)
        self.backoff = 2.0
        self.restarts = 0
        self.stopped_cleanly: bool | None = None  # after a stop: did it end when asked, or was it killed


class LiveServices(QObject):
    stateChanged = Signal()

    def __init__(self, db_url: str, specs: list[ServiceSpec], parent=None):
        super().__init__(parent)
        self.db_url = db_url
        self.services = {s.name: _Service(s) for s in specs}
        self.ctx: dict = {}
        self._stopping = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # -- starting ---------------------------------------------------------------------------------
    def start(self) -> None:
        self._stopping = False
        self._start_ready_ones()

    def _start_ready_ones(self) -> None:
        for svc in self.services.values():
            if svc.state == "waiting" and all(self.services[n].state == "running"
                                              for n in svc.spec.needs if n in self.services):
                self._launch(svc)

    def _launch(self, svc: _Service) -> None:
        try:
            args = svc.spec.argv(self.ctx)
        except KeyError as exc:
            self._set(svc, "failed")
            svc.stderr.append(f"missing {exc} from the services it needs")
            return
        p = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert(ENV_DB, self.db_url)  # in the environment, so no password shows in a process list
        env.insert("PYTHONUNBUFFERED", "1")
        env.insert("SHIAN_PARENT_PID", str(os.getpid()))
        p.setProcessEnvironment(env)
        p.setProgram(sys.executable)
        p.setArguments(["-c", _CHILD, *args])
        p.readyReadStandardOutput.connect(lambda s=svc: self._stdout(s))
        p.readyReadStandardError.connect(lambda s=svc: self._stderr(s))
        p.finished.connect(lambda code, _status, s=svc: self._finished(s, code))
        p.errorOccurred.connect(lambda err, s=svc: self._error(s, err))
        svc.process = p
        svc.info = {}
        self._set(svc, "starting")
        log.info("starting %s: shian %s", svc.spec.name, " ".join(args))
        p.start()
        if svc.spec.ready is None:
            self._set(svc, "running")
            self._start_ready_ones()

    def _stdout(self, svc: _Service) -> None:
        p = svc.process
        while p is not None and p.canReadLine():
            line = bytes(p.readLine().data()).decode("utf-8", "replace").strip()
            if svc.state == "starting" and svc.spec.ready is not None and (m := svc.spec.ready.search(line)):
                svc.info = m.groupdict()
                self.ctx.update(svc.info)
                svc.backoff = 2.0
                self._set(svc, "running")
                self._start_ready_ones()

    def _stderr(self, svc: _Service) -> None:
        data = bytes(svc.process.readAllStandardError().data()).decode("utf-8", "replace")
        svc.stderr.extend(line for line in data.splitlines() if line.strip())

    def _error(self, svc: _Service, err) -> None:
        if err == QProcess.ProcessError.FailedToStart:
            svc.stderr.append(f"could not start {sys.executable}")
            self._set(svc, "failed")

    def _finished(self, svc: _Service, code: int) -> None:
        if svc.process is not None:
            self._stderr(svc)
        if self._stopping:
            self._set(svc, "stopped")
            return
        log.warning("%s exited with code %s: %s", svc.spec.name, code, svc.stderr[-1] if svc.stderr else "")
        # it and everything that depends on it start again, after a pause that grows
        self._stop_dependents(svc.spec.name)
        svc.restarts += 1
        delay = svc.backoff
        svc.backoff = min(svc.backoff * 2, MAX_BACKOFF_S)
        self._set(svc, "restarting")
        QTimer.singleShot(int(delay * 1000), self, lambda s=svc: self._relaunch(s))

    def _relaunch(self, svc: _Service) -> None:
        if self._stopping or svc.state != "restarting":
            return
        self._set(svc, "waiting")
        self._start_ready_ones()

    def _stop_dependents(self, name: str) -> None:
        for other in self.services.values():
            if name in other.spec.needs and other.state in ("starting", "running"):
                self._terminate(other)
                self._set(other, "waiting")
                self._stop_dependents(other.spec.name)

    # -- stopping ---------------------------------------------------------------------------------
    def _terminate(self, svc: _Service) -> None:
        p, svc.process = svc.process, None
        if p is None or p.state() == QProcess.ProcessState.NotRunning:
            return
        for sig in (p.finished, p.readyReadStandardOutput, p.readyReadStandardError, p.errorOccurred):
            sig.disconnect()
        if os.name == "posix":
            os.kill(p.processId(), signal.SIGINT)  # a clean shutdown: the GPS server drains its writer
        else:
            p.terminate()
        svc.stopped_cleanly = p.waitForFinished(STOP_WAIT_MS) and p.exitStatus() == QProcess.ExitStatus.NormalExit
        if not svc.stopped_cleanly:
            log.warning("%s did not stop when asked; killed", svc.spec.name)
            p.kill()
            p.waitForFinished(2000)

    def stop(self) -> None:
        """Stop every feed, dependents first."""
        if self._stopping:
            return
        self._stopping = True
        for svc in reversed(list(self.services.values())):
            self._terminate(svc)
            self._set(svc, "stopped")

    # -- state ------------------------------------------------------------------------------------
    def _set(self, svc: _Service, state: str) -> None:
        if svc.state != state:
            svc.state = state
            self.stateChanged.emit()

    def state(self, name: str) -> str:
        return self.services[name].state

    def last_error(self, name: str) -> str:
        err = self.services[name].stderr
        return err[-1] if err else ""


class LiveStatus(QLabel):
    """The status-bar badge: what the live feeds are doing."""

    def __init__(self, services: LiveServices, parent=None):
        super().__init__(parent)
        self.services = services
        services.stateChanged.connect(self.update_text)
        self.update_text()

    def name(self, key: str) -> str:
        return {"gps": self.tr("GPS server"), "simulator": self.tr("Simulator"),
                "vision": self.tr("Vision worker")}.get(key, key)

    def state_name(self, state: str) -> str:
        return {"waiting": self.tr("waiting"), "starting": self.tr("starting"), "running": self.tr("running"),
                "restarting": self.tr("restarting"), "stopped": self.tr("stopped"),
                "failed": self.tr("failed")}.get(state, state)

    def update_text(self) -> None:
        svcs = self.services.services
        states = {n: s.state for n, s in svcs.items()}
        parts = []
        for n, s in svcs.items():
            if s.state == "running":
                extra = (f" :{s.info['gps_port']}" if "gps_port" in s.info
                         else " " + self.tr("%1 vehicles").replace("%1", s.info["vehicles"]) if "vehicles" in s.info
                         else "")
                parts.append(self.name(n) + extra)
            else:
                parts.append(f"{self.name(n)} {self.state_name(s.state)}")
        self.setText(self.tr("Live feeds: %1").replace("%1", " · ".join(parts)))
        bad = any(st in ("failed", "restarting") for st in states.values())
        self.setObjectName("OfflineBadge" if bad else "OnlineBadge" if all(
            st == "running" for st in states.values()) else "")
        tips = []
        for n, s in svcs.items():
            line = f"{self.name(n)}: {self.state_name(s.state)}"
            if s.restarts:
                line += " " + self.tr("(restarted %1 times)").replace("%1", str(s.restarts))
            if s.state in ("failed", "restarting") and s.stderr:
                line += f"\n    {s.stderr[-1]}"
            tips.append(line)
        self.setToolTip("\n".join(tips))
        self.style().unpolish(self)
        self.style().polish(self)


def start_for(window) -> LiveServices | None:
    """Start the demo feeds for this window if it wants them (see ``wanted``); they start once
    every panel is installed and stop when the window closes."""
    if not wanted(window.hub):
        return None
    services = LiveServices(window.hub.db.url, [], window)
    window.statusBar().addPermanentWidget(LiveStatus(services, window))

    def begin() -> None:
        services.services = {s.name: _Service(s) for s in all_services()}
        services.stateChanged.emit()
        services.start()

    QTimer.singleShot(0, services, begin)
    return services
