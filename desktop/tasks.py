"""Work off the GUI thread: plain functions in a thread pool, results back by signal.

A task is submitted under a key; a newer task with the same key supersedes the older one, whose
result is dropped (and whose ``Cancel`` handle is set, so long work can stop early). This is the
"newest request wins" rule of DESIGN.md §5.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot


class Cancel:
    """Handed to the task function; ``cancelled`` turns true when a newer request supersedes it."""

    def __init__(self):
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class TaskRunner(QObject):
    _finished = Signal(object, object, object, object)  # token, callback, result, error

    def __init__(self, parent=None, workers: int = 3):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="shian-task")
        self._latest: dict[str, tuple[int, Cancel]] = {}
        self._ids = itertools.count(1)
        self._pending = 0
        self._closed = False
        self._finished.connect(self._deliver)

    def submit(self, key: str, fn: Callable, *args, on_done: Callable | None = None,
               on_error: Callable | None = None, pass_cancel: bool = False) -> Cancel:
        cancel = Cancel()
        if self._closed:  # the window is going: late signals ask for nothing
            cancel.cancel()
            return cancel
        token = next(self._ids)
        old = self._latest.get(key)
        if old is not None:
            old[1].cancel()
        self._latest[key] = (token, cancel)
        self._pending += 1

        def work():
            try:
                result = fn(*args, cancel) if pass_cancel else fn(*args)
                self._finished.emit((key, token), (on_done, on_error), result, None)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                exc.__shian_tb__ = traceback.format_exc()
                self._finished.emit((key, token), (on_done, on_error), None, exc)

        self._pool.submit(work)
        return cancel

    @Slot(object, object, object, object)
    def _deliver(self, ident, callbacks, result, error) -> None:
        self._pending -= 1
        key, token = ident
        latest = self._latest.get(key)
        if latest is None or latest[0] != token:
            return  # superseded by a newer request
        del self._latest[key]
        on_done, on_error = callbacks
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                print(getattr(error, "__shian_tb__", repr(error)))
        elif on_done is not None:
            on_done(result)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        self._closed = True
        for _, cancel in self._latest.values():
            cancel.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
