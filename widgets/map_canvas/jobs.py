"""Background work for layers: plain functions in a small thread pool, newest request wins.

A layer hands a Qt-free function (building its level-of-detail pyramid and spatial index) to
``Job.submit``; the result comes back through a queued signal on the GUI thread. Submitting
again cancels the older request if it has not started, and drops its result if it has, so a
burst of ``set_data`` calls settles on the last one. Workers never touch a widget.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="map-jobs")


class Job(QObject):
    done = Signal(object)  # the newest result, on the GUI thread
    failed = Signal(str)
    _finished = Signal(int, object, str)  # emitted in the worker; delivered queued

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._future: Future | None = None
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._future is not None

    def submit(self, fn: Callable, *args) -> None:
        self._generation += 1
        gen = self._generation
        if self._future is not None:
            self._future.cancel()

        def run():
            try:
                self._finished.emit(gen, fn(*args), "")
            except Exception:  # reported on the GUI thread, never swallowed
                self._finished.emit(gen, None, traceback.format_exc())

        self._future = _POOL.submit(run)

    def _deliver(self, gen: int, result, error: str) -> None:
        if gen != self._generation:
            return  # an older request finished after a newer one was made
        self._future = None
        if error:
            log.error("map background job failed:\n%s", error)
            self.failed.emit(error.strip().splitlines()[-1])
        else:
            self.done.emit(result)
