"""The composition root's link to the database: queries off the GUI thread, live changes,
connection state, and an outbox so a review or dispatch made while the database is away is
kept and sent when it returns.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from core.auth import Actor
from core.db import changes
from core.db.engine import Database, data_dir
from core.db.models import Alert, Business, Camera, Market, Meta, Stall, Vehicle, VendorZone
from desktop.tasks import TaskRunner

COUNTED = (("markets", Market), ("zones", VendorZone), ("stalls", Stall), ("businesses", Business),
           ("cameras", Camera), ("vehicles", Vehicle))
OPEN_ALERT_STATES = ("new", "in_review", "confirmed", "rectification")

# Actions the outbox can replay: name -> function(session, actor, **params).
ACTIONS: dict[str, Callable] = {}


def action(name: str):
    def deco(fn):
        ACTIONS[name] = fn
        return fn
    return deco


def is_connection_error(exc: BaseException) -> bool:
    """The database could not be reached (as opposed to a bad statement or a refused edit)."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def read_counts(db: Database) -> dict:
    with db.session() as s:
        out = {name: int(s.scalar(select(func.count()).select_from(model)) or 0) for name, model in COUNTED}
        out["open_alerts"] = int(s.scalar(select(func.count()).select_from(Alert).where(Alert.state.in_(OPEN_ALERT_STATES))) or 0)
        meta = dict(s.execute(select(Meta.key, Meta.value)).all())
        out["synthetic"] = meta.get("synthetic") == "1"
        out["last_change"] = changes.latest_change_id(s)
    return out


class DataHub(QObject):
    counts_changed = Signal(dict)
    changed = Signal(set)  # names of tables that changed since the last poll
    connection_changed = Signal(bool, str)  # online?, message
    outbox_changed = Signal(int)
    action_failed = Signal(str, str)  # action name, message

    POLL_MS = 1000

    def __init__(self, db: Database, actor: Actor, parent=None, live: bool = True):
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.live = live  # a live desktop polls for changes and may run the demo feeds
        self.tasks = TaskRunner(self)
        self.online = True
        self.counts: dict = {}
        self._last_change = 0
        self._retry_ms = 2000
        self._outbox_path = data_dir() / "outbox.json"
        self._outbox: list[dict] = self._load_outbox()
        self._poll = QTimer(self, interval=self.POLL_MS, timeout=self._poll_changes)
        self._listener: threading.Thread | None = None
        self._stop = threading.Event()
        if live:
            self._poll.start()
            if db.is_postgres:
                self._start_listener()

    # -- reading -----------------------------------------------------------------------------
    def run(self, key: str, fn: Callable, *args, on_done=None, on_error=None, pass_cancel=False):
        """Run ``fn(db, *args)`` off the GUI thread; the newest request under ``key`` wins."""
        def guarded(*a):
            return fn(self.db, *a)

        def failed(exc):
            if is_connection_error(exc):
                self._set_online(False, str(exc).splitlines()[0])
            if on_error:
                on_error(exc)
            else:
                self.action_failed.emit(key, str(exc).splitlines()[0])
        return self.tasks.submit(key, guarded, *args, on_done=on_done, on_error=failed, pass_cancel=pass_cancel)

    def refresh_counts(self) -> None:
        self.run("counts", read_counts, on_done=self._got_counts)

    def load_counts_now(self) -> dict:
        """Synchronous, for start-up and screenshots."""
        self._got_counts(read_counts(self.db))
        return self.counts

    def _got_counts(self, counts: dict) -> None:
        self.counts = counts
        self._last_change = max(self._last_change, counts.get("last_change", 0))
        self._set_online(True, "")
        self.counts_changed.emit(counts)

    # -- live changes -------------------------------------------------------------------------
    def poll_now(self) -> None:
        """Look for changes at once (after this workstation wrote something), not within a second."""
        self._poll_changes()

    def _poll_changes(self) -> None:
        if self.tasks.busy and not self.online:
            return
        self.run("changes", self._read_changes, self._last_change, on_done=self._got_changes,
                 on_error=lambda _e: self._schedule_retry())

    @staticmethod
    def _read_changes(db: Database, after: int):
        with db.session() as s:
            rows = changes.changes_since(s, after)
            return [(r.id, r.entity) for r in rows]

    def _got_changes(self, rows) -> None:
        self._set_online(True, "")
        if not rows:
            return
        self._last_change = rows[-1][0]
        entities = {e for _, e in rows}
        self.changed.emit(entities)
        if entities & {"alert", "vehicle", "camera", "business", "market", "stall", "vendor_zone"}:
            self.refresh_counts()

    def _start_listener(self) -> None:
        """PostgreSQL NOTIFY makes the next poll happen at once instead of within a second."""
        def listen():
            import psycopg
            from sqlalchemy.engine import make_url

            url = make_url(self.db.url).set(drivername="postgresql")
            while not self._stop.is_set():
                try:
                    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
                        conn.execute(f"LISTEN {changes.CHANNEL}")
                        for _ in conn.notifies(timeout=1.0, stop_after=None):
                            if self._stop.is_set():
                                return
                            QTimer.singleShot(0, self, self._poll_changes)
                        if self._stop.is_set():
                            return
                except psycopg.Error:
                    time.sleep(2)
        self._listener = threading.Thread(target=listen, name="shian-listen", daemon=True)
        self._listener.start()

    # -- connection state ------------------------------------------------------------------------
    def _set_online(self, online: bool, message: str) -> None:
        if online == self.online:
            return
        self.online = online
        self.connection_changed.emit(online, message)
        if online:
            self._retry_ms = 2000
            self._flush_outbox()
        else:
            self._schedule_retry()

    def _schedule_retry(self) -> None:
        QTimer.singleShot(self._retry_ms, self, self.refresh_counts)
        self._retry_ms = min(self._retry_ms * 2, 30000)

    # -- writing, with the outbox -----------------------------------------------------------------
    def perform(self, name: str, on_done=None, **params) -> None:
        """Run a named action as the signed-in user. If the database is unreachable, the action
        is kept in the outbox (on disk) and replayed, in order, when the connection returns."""
        entry = {"name": name, "params": params, "actor": [self.actor.username, self.actor.role],
                 "queued_at": time.time()}
        if not self.online:
            self._queue(entry)
            return
        self.tasks.submit(f"perform:{id(entry)}", self._execute, entry, on_done=on_done,
                          on_error=lambda exc: self._perform_failed(entry, exc))

    def _execute(self, entry: dict):
        fn = ACTIONS[entry["name"]]
        actor = Actor(*entry["actor"])
        with self.db.session() as s:
            return fn(s, actor, **entry["params"])

    def _perform_failed(self, entry: dict, exc: BaseException) -> None:
        if is_connection_error(exc):
            self._queue(entry)
            self._set_online(False, str(exc).splitlines()[0])
        else:
            self.action_failed.emit(entry["name"], str(exc))

    def _queue(self, entry: dict) -> None:
        self._outbox.append(entry)
        self._save_outbox()

    def _flush_outbox(self) -> None:
        pending, self._outbox = self._outbox, []
        self._save_outbox()
        for entry in pending:
            self.tasks.submit(f"outbox:{id(entry)}", self._execute, entry,
                              on_error=lambda exc, e=entry: self._perform_failed(e, exc))

    def _load_outbox(self) -> list[dict]:
        try:
            return json.loads(Path(self._outbox_path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []

    def _save_outbox(self) -> None:
        tmp = Path(self._outbox_path).with_suffix(".tmp")
        tmp.write_text(json.dumps(self._outbox, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self._outbox_path)
        self.outbox_changed.emit(len(self._outbox))

    @property
    def outbox_size(self) -> int:
        return len(self._outbox)

    def close(self) -> None:
        self._stop.set()
        self._poll.stop()
        self.tasks.shutdown()
