"""How many camera streams this machine can decode and watch: the Qt-free half of the video bench.

Opens ``streams`` demo cameras through the real capture path (one reader thread each, paced at
the clip's frame rate) and runs the built-in detectors on every frame each stream delivers, on
one detection thread per stream, for ``seconds``. Reports the slowest stream's decoded and
detected frame rates, frames dropped by the one-frame slot, and the detectors' cost per frame.
"""

from __future__ import annotations

import os
import threading
import time

from core.vision.capture import StreamReader
from core.vision.demo_clips import clip_path, parse_demo_url
from core.vision.detectors import Pipeline


def measure(streams: int = 16, seconds: float = 20.0, size: str = "640x360", fps: int = 15,
            scenario: str = "kitchen", warmup: float = 2.0) -> dict:
    urls = [f"demo:{scenario}?seed={i + 1}&size={size}&fps={fps}&seconds=30" for i in range(streams)]
    for u in urls:  # render the clips before the clock starts
        clip_path(parse_demo_url(u))
    readers = [StreamReader(u, name=f"demo-{i + 1}", loop=True) for i, u in enumerate(urls)]
    pipes = [Pipeline.build(closed_hours="22:00-06:00") for _ in urls]
    detected = [0] * streams
    stop = threading.Event()
    measuring = threading.Event()

    def watch(i: int) -> None:
        while not stop.is_set():
            frame = readers[i].wait(0.5)
            if frame is None:
                continue
            pipes[i].update(frame.image, frame.wall)
            if measuring.is_set():
                detected[i] += 1

    for r in readers:
        r.start()
    workers = [threading.Thread(target=watch, args=(i,), daemon=True) for i in range(streams)]
    for w in workers:
        w.start()
    time.sleep(warmup)
    start_frames = [r.stats().frames for r in readers]
    start_dropped = [r.stats().dropped for r in readers]
    for p in pipes:
        p.frames, p.seconds = 0, 0.0
    cpu0, t0 = os.times(), time.monotonic()
    measuring.set()
    time.sleep(seconds)
    measuring.clear()
    elapsed = time.monotonic() - t0
    cpu1 = os.times()
    stats = [r.stats() for r in readers]
    stop.set()
    for r in readers:
        r.stop()
    for w in workers:
        w.join(2)
    decoded = [(s.frames - f0) / elapsed for s, f0 in zip(stats, start_frames, strict=True)]
    det_fps = [d / elapsed for d in detected]
    total_frames = sum(p.frames for p in pipes)
    cpu = (cpu1.user - cpu0.user + cpu1.system - cpu0.system) / elapsed
    return {
        "streams": streams,
        "size": size,
        "fps": fps,
        "decoded_fps_min": round(min(decoded), 2),
        "detected_fps_min": round(min(det_fps), 2),
        "dropped": sum(s.dropped - d0 for s, d0 in zip(stats, start_dropped, strict=True)),
        "detect_ms_per_frame": round(sum(p.seconds for p in pipes) * 1000 / max(1, total_frames), 2),
        "cpu_cores_used": round(cpu, 2),
        "cores": os.cpu_count(),
    }
