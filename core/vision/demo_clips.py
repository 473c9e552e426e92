"""Kitchen-like demo clips drawn with OpenCV, with scripted camera faults.

Demo cameras must exercise the real capture and detection path, so a clip is rendered once to an
MP4 file in a cache folder and then read back by ``cv2.VideoCapture`` like any camera file. A clip
is deterministic for its spec (scenario, seed, size, fps, length): the same URL always shows the
same kitchen and the same events at the same seconds.

Scenarios (``demo:<scenario>?seed=N&size=WxH&fps=F&seconds=S``; the demo city's cameras use
``demo://<scenario>/<camera number>``, which picks one of ``KITCHENS`` kitchens by the number, so
ten thousand demo cameras share a handful of rendered clips; one ``demo://kitchen/<n>`` camera in
``SCRIPTED_EVERY`` (those with n % 4 == 2: cameras 2, 6, 10, 14…) plays one of the ``SCRIPTED``
faults instead, so the demo city's wall and vision worker have events to show):

* ``kitchen``       a lit kitchen: counter, stove with flames and steam, cooks in hats and masks;
* ``lens_covered``  a hand covers the lens from 10 s to 18 s;
* ``night``         lights off, infrared-grey picture, a rodent runs along the counter and floor;
* ``frozen``        the picture (time stamp included) stops from 10 s to 18 s while frames flow;
* ``signal_lost``   snow, then a blue "NO SIGNAL" screen, from 10 s to 18 s;
* ``mixed``         every fault in turn, for wall demos.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl

import cv2
import numpy as np

from core.vision.media import write_mp4

SCENARIOS = ("kitchen", "lens_covered", "night", "frozen", "signal_lost", "mixed")
_RENDER_VERSION = 8  # bump when the drawing changes so cached clips are rendered again

# Scripted events: scenario -> list of (kind, start s, end s). "mixed" is laid out on its length.
EVENTS: dict[str, list[tuple[str, float, float]]] = {
    "kitchen": [],
    "lens_covered": [("lens_covered", 10.0, 18.0)],
    "night": [("rodent", 4.0, 11.0), ("rodent", 19.0, 26.0)],
    "frozen": [("frozen", 10.0, 18.0)],
    "signal_lost": [("signal_lost", 10.0, 18.0)],
    "mixed": [("lens_covered", 8.0, 14.0), ("frozen", 22.0, 28.0), ("signal_lost", 36.0, 42.0),
              ("night", 50.0, 70.0), ("rodent", 56.0, 64.0)],
}
_MIN_SECONDS = {"mixed": 80.0}
KITCHENS = 8
SCRIPTED_EVERY = 4
SCRIPTED = ("lens_covered", "signal_lost", "frozen", "mixed")


@dataclass(frozen=True)
class ClipSpec:
    scenario: str = "kitchen"
    seed: int = 1
    width: int = 640
    height: int = 360
    fps: float = 15.0
    seconds: float = 30.0

    def __post_init__(self):
        if self.scenario not in SCENARIOS:
            raise ValueError(f"unknown demo scenario {self.scenario!r}; choose one of {', '.join(SCENARIOS)}")
        if not (64 <= self.width <= 3840 and 64 <= self.height <= 2160):
            raise ValueError(f"demo clip size {self.width}x{self.height} is out of range (64–3840 × 64–2160)")
        if not (1 <= self.fps <= 60):
            raise ValueError(f"demo clip fps {self.fps} is out of range (1–60)")
        if not (1 <= self.seconds <= 600):
            raise ValueError(f"demo clip length {self.seconds} s is out of range (1–600)")

    @property
    def frame_count(self) -> int:
        return int(round(self.seconds * self.fps))

    def key(self) -> str:
        raw = f"{_RENDER_VERSION}|{self.scenario}|{self.seed}|{self.width}|{self.height}|{self.fps}|{self.seconds}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def events(self) -> list[tuple[str, float, float]]:
        return list(EVENTS[self.scenario])


def parse_demo_url(url: str) -> ClipSpec:
    """``demo:frozen?seed=3&size=640x360&fps=15&seconds=30`` → ClipSpec (bad values raise ValueError)."""
    if not url.startswith("demo:"):
        raise ValueError(f"not a demo URL: {url!r}")
    body = url[5:].lstrip("/")
    name, _, query = body.partition("?")
    name, _, ident = name.partition("/")
    kw: dict = {"scenario": name or "kitchen"}
    if ident:
        number = int(ident) if ident.isdigit() else zlib.crc32(ident.encode())
        kw["seed"] = 1 + number % KITCHENS
        if kw["scenario"] == "kitchen" and number % SCRIPTED_EVERY == 2:
            kw["scenario"] = SCRIPTED[(number // SCRIPTED_EVERY) % len(SCRIPTED)]
    for k, v in parse_qsl(query, keep_blank_values=True):
        try:
            if k == "seed":
                kw["seed"] = int(v)
            elif k == "size":
                w, h = v.lower().split("x")
                kw["width"], kw["height"] = int(w), int(h)
            elif k == "fps":
                kw["fps"] = float(v)
            elif k == "seconds":
                kw["seconds"] = float(v)
            else:
                raise ValueError(f"unknown demo URL parameter {k!r} (seed, size, fps, seconds)")
        except (TypeError, ValueError) as exc:
            if "unknown demo URL" in str(exc):
                raise
            raise ValueError(f"bad demo URL parameter {k}={v!r}") from None
    spec = ClipSpec(**kw)
    floor = _MIN_SECONDS.get(spec.scenario, 0.0)
    return replace(spec, seconds=max(spec.seconds, floor))


def cache_dir() -> Path:
    """Where rendered clips are kept: ``SHIAN_VISION_CACHE``, else the user data folder."""
    env = os.environ.get("SHIAN_VISION_CACHE")
    if env:
        d = Path(env)
    else:
        from core.db.engine import data_dir

        d = data_dir() / "demo-clips"
    d.mkdir(parents=True, exist_ok=True)
    return d


class RenderCancelled(Exception):
    """Rendering a clip was given up because its camera was stopped."""


# One render at a time in a process: sixteen cameras asking at once would render the same few
# kitchens side by side on two cores; in turn, each clip is rendered once and cameras come up one
# after another.
_RENDER_LOCK = threading.Lock()


def clip_path(spec: ClipSpec, directory: Path | None = None, cancel: threading.Event | None = None) -> Path:
    """The clip's MP4 file, rendered on first use. Safe when several threads or processes ask at
    once (the file appears whole, by rename); ``cancel`` aborts a render with RenderCancelled."""
    d = Path(directory) if directory else cache_dir()
    path = d / f"demo-{spec.scenario}-{spec.key()}.mp4"
    if path.exists() and path.stat().st_size > 0:
        return path
    with _RENDER_LOCK:
        if path.exists() and path.stat().st_size > 0:
            return path
        fd, tmp = tempfile.mkstemp(prefix=".render-", suffix=".mp4", dir=d)
        os.close(fd)
        try:
            write_mp4(tmp, _until(frames(spec), cancel), spec.fps, (spec.width, spec.height))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return path


def _until(images: Iterator[np.ndarray], cancel: threading.Event | None) -> Iterator[np.ndarray]:
    for img in images:
        if cancel is not None and cancel.is_set():
            raise RenderCancelled
        yield img


# ---------------------------------------------------------------------------------------------
# Drawing


def _active(events, kind: str, t: float) -> tuple[float, float] | None:
    for k, a, b in events:
        if k == kind and a <= t < b:
            return a, b
    return None


class _Kitchen:
    """One kitchen: a static background plus cooks, flames and steam that move with time."""

    def __init__(self, spec: ClipSpec):
        self.spec = spec
        self.w, self.h = spec.width, spec.height
        self.rng = np.random.default_rng(spec.seed)
        self.s = self.h / 360.0  # drawing unit: 1 at the bench size
        self.counter_y = int(self.h * 0.62)
        self.background = self._background()
        n_cooks = 2 + int(self.rng.integers(0, 2))
        self.cooks = [
            {
                "x0": float(self.rng.uniform(0.15, 0.85)),
                "amp": float(self.rng.uniform(0.08, 0.22)),
                "period": float(self.rng.uniform(6.0, 14.0)),
                "phase": float(self.rng.uniform(0, 2 * np.pi)),
                "coat": tuple(int(c) for c in self.rng.integers(225, 250, 3)),
                "skin": (int(self.rng.integers(120, 160)), int(self.rng.integers(160, 190)), int(self.rng.integers(200, 230))),
                "scale": float(self.rng.uniform(0.9, 1.1)),
            }
            for _ in range(n_cooks)
        ]
        self.steam = self.rng.uniform(0, 1, (40, 3))  # x offset, phase, size

    def _background(self) -> np.ndarray:
        w, h, s, rng = self.w, self.h, self.s, self.rng
        img = np.empty((h, w, 3), np.uint8)
        wall = np.array([205, 212, 214], np.float32) + rng.uniform(-12, 12, 3)
        grad = np.linspace(0.86, 1.0, self.counter_y)[:, None, None]
        img[: self.counter_y] = np.clip(wall * grad, 0, 255).astype(np.uint8)
        tile = max(8, int(24 * s))
        for x in range(0, w, tile):
            cv2.line(img, (x, 0), (x, self.counter_y), (172, 178, 180), 1)
        for y in range(0, self.counter_y, tile):
            cv2.line(img, (0, y), (w, y), (172, 178, 180), 1)
        # Range hood over the stove.
        sx = int(w * rng.uniform(0.45, 0.6))
        self.stove_x = sx
        hood = np.array([[sx - int(110 * s), int(78 * s)], [sx + int(110 * s), int(78 * s)],
                         [sx + int(70 * s), 0], [sx - int(70 * s), 0]], np.int32)
        cv2.fillPoly(img, [hood], (120, 124, 128), cv2.LINE_AA)
        cv2.line(img, tuple(hood[0]), tuple(hood[1]), (80, 84, 88), max(1, int(3 * s)), cv2.LINE_AA)
        # Shelves with jars and bowls.
        for shelf_y in (int(h * 0.18), int(h * 0.33)):
            x1, x2 = int(w * 0.03), int(w * 0.3)
            cv2.rectangle(img, (x1, shelf_y), (x2, shelf_y + max(2, int(5 * s))), (60, 90, 130), -1)
            x = x1 + 4
            while x < x2 - 12 * s:
                jw = int(rng.integers(10, 22) * s)
                jh = int(rng.integers(14, 30) * s)
                color = tuple(int(c) for c in rng.integers(40, 220, 3))
                cv2.rectangle(img, (x, shelf_y - jh), (x + jw, shelf_y), color, -1, cv2.LINE_AA)
                cv2.rectangle(img, (x, shelf_y - jh), (x + jw, shelf_y - jh + max(2, int(4 * s))), (30, 30, 30), -1)
                x += jw + int(rng.integers(3, 9) * s)
        # Knife rack and a clock on the right.
        rx = int(w * 0.8)
        cv2.rectangle(img, (rx, int(h * 0.2)), (rx + int(90 * s), int(h * 0.23)), (50, 50, 50), -1)
        for i in range(6):
            kx = rx + int((8 + i * 14) * s)
            cv2.line(img, (kx, int(h * 0.23)), (kx, int(h * 0.36)), (190, 190, 195), max(1, int(3 * s)), cv2.LINE_AA)
        cv2.circle(img, (int(w * 0.9), int(h * 0.09)), int(16 * s), (250, 250, 250), -1, cv2.LINE_AA)
        cv2.circle(img, (int(w * 0.9), int(h * 0.09)), int(16 * s), (40, 40, 40), max(1, int(2 * s)), cv2.LINE_AA)
        # Stainless counter with a brushed gradient, then a tiled floor in perspective.
        cy = self.counter_y
        top = int(h * 0.07)
        steel = np.linspace(200, 150, top)[:, None]
        img[cy:cy + top] = np.repeat(steel, w, axis=1)[:, :, None].astype(np.uint8)
        img[cy:cy + top] += rng.integers(0, 6, (top, w, 1), dtype=np.uint8)
        cv2.line(img, (0, cy), (w, cy), (235, 235, 235), max(1, int(2 * s)))
        front = img[cy + top:]
        front[:] = (118, 122, 126)
        for x in range(0, w, int(w / 6)):
            cv2.rectangle(img, (x + int(6 * s), cy + top + int(8 * s)), (x + int(w / 6) - int(6 * s), h - int(30 * s)),
                          (135, 140, 144), max(1, int(2 * s)), cv2.LINE_AA)
            cv2.line(img, (x + int(w / 12) - int(10 * s), cy + top + int(20 * s)),
                     (x + int(w / 12) + int(10 * s), cy + top + int(20 * s)), (210, 210, 210), max(1, int(3 * s)))
        fy = h - int(30 * s)
        img[fy:] = (92, 98, 104)
        for x in range(-w, 2 * w, int(40 * s)):
            cv2.line(img, (x, h), (w // 2 + (x - w // 2) // 2, fy), (80, 84, 90), 1, cv2.LINE_AA)
        # Stove top: two burners with pots.
        self.burners = [(sx - int(60 * s), cy + int(10 * s)), (sx + int(60 * s), cy + int(10 * s))]
        for bx, by in self.burners:
            cv2.ellipse(img, (bx, by), (int(34 * s), int(8 * s)), 0, 0, 360, (40, 40, 40), -1, cv2.LINE_AA)
        return img

    def _cook(self, img, c, t):
        s = self.s * c["scale"]
        x = int(self.w * (c["x0"] + c["amp"] * np.sin(2 * np.pi * t / c["period"] + c["phase"])))
        base = self.counter_y + int(4 * s)
        # Body (chef coat) behind the counter edge, with an apron line and buttons.
        body = (x - int(34 * s), base - int(120 * s), int(68 * s), int(120 * s))
        cv2.rectangle(img, (body[0], body[1]), (body[0] + body[2], base), c["coat"], -1, cv2.LINE_AA)
        cv2.rectangle(img, (body[0], body[1]), (body[0] + body[2], base), (180, 180, 180), 1, cv2.LINE_AA)
        for i in range(3):
            cv2.circle(img, (x, body[1] + int((22 + 24 * i) * s)), max(1, int(2 * s)), (90, 90, 90), -1)
        # Arms move with a stirring motion.
        swing = np.sin(2 * np.pi * t / 1.3 + c["phase"])
        for side in (-1, 1):
            sh = (x + side * int(30 * s), body[1] + int(14 * s))
            hand = (x + side * int((44 + 8 * swing * side) * s), body[1] + int((70 + 10 * swing) * s))
            cv2.line(img, sh, hand, c["coat"], max(2, int(14 * s)), cv2.LINE_AA)
            cv2.circle(img, hand, max(2, int(7 * s)), c["skin"], -1, cv2.LINE_AA)
        # Head with a mask and a toque (unless an alert scene takes one off).
        head = (x, body[1] - int(20 * s))
        c["head_box"] = (head[0] - int(24 * s), head[1] - int(56 * s), int(48 * s), int(80 * s))
        if c.get("hair", False) or not c.get("hat", True):
            cv2.ellipse(img, (head[0], head[1] - int(10 * s)), (int(16 * s), int(13 * s)), 0, 180, 360, (30, 30, 36),
                        -1, cv2.LINE_AA)
        cv2.ellipse(img, head, (int(15 * s), int(19 * s)), 0, 0, 360, c["skin"], -1, cv2.LINE_AA)
        cv2.circle(img, (head[0] - int(5 * s), head[1] - int(4 * s)), max(1, int(2 * s)), (40, 30, 30), -1)
        cv2.circle(img, (head[0] + int(5 * s), head[1] - int(4 * s)), max(1, int(2 * s)), (40, 30, 30), -1)
        if c.get("mask", True):
            cv2.rectangle(img, (head[0] - int(13 * s), head[1] + int(2 * s)),
                          (head[0] + int(13 * s), head[1] + int(15 * s)), (235, 215, 170), -1, cv2.LINE_AA)
        else:
            cv2.line(img, (head[0] - int(5 * s), head[1] + int(9 * s)), (head[0] + int(5 * s), head[1] + int(9 * s)),
                     (60, 60, 120), max(1, int(2 * s)), cv2.LINE_AA)
        if c.get("hat", True):
            hat_top = head[1] - int(52 * s)
            cv2.rectangle(img, (head[0] - int(15 * s), head[1] - int(30 * s)),
                          (head[0] + int(15 * s), head[1] - int(14 * s)), (252, 252, 252), -1, cv2.LINE_AA)
            for dx in (-10, 0, 10):
                cv2.circle(img, (head[0] + int(dx * s), hat_top + int(12 * s)), int(12 * s), (252, 252, 252), -1,
                           cv2.LINE_AA)
            cv2.line(img, (head[0] - int(15 * s), head[1] - int(14 * s)),
                     (head[0] + int(15 * s), head[1] - int(14 * s)), (200, 200, 200), 1, cv2.LINE_AA)
        prop = c.get("prop")
        if prop == "cigarette":  # from the corner of the mouth, lit, with a thread of smoke
            a = (head[0] + int(6 * s), head[1] + int(9 * s))
            b = (head[0] + int(24 * s), head[1] + int(13 * s))
            cv2.line(img, a, b, (245, 245, 245), max(2, int(3 * s)), cv2.LINE_AA)
            cv2.circle(img, b, max(2, int(3 * s)), (40, 90, 255), -1, cv2.LINE_AA)
            for k in range(6):
                cv2.circle(img, (b[0] + int((3 * np.sin(t * 3 + k)) * s), b[1] - int((6 + 7 * k) * s)),
                           max(1, int((2 + k) * s)), (200, 200, 200), 1, cv2.LINE_AA)
        elif prop == "phone":  # held up at the face, screen lit
            px, py = head[0] + int(20 * s), head[1] - int(8 * s)
            cv2.line(img, (x + int(30 * s), body[1] + int(14 * s)), (px, py + int(20 * s)), c["coat"],
                     max(2, int(12 * s)), cv2.LINE_AA)
            cv2.rectangle(img, (px - int(6 * s), py - int(4 * s)), (px + int(6 * s), py + int(20 * s)), (25, 25, 30),
                          -1, cv2.LINE_AA)
            cv2.rectangle(img, (px - int(4 * s), py - int(1 * s)), (px + int(4 * s), py + int(16 * s)), (230, 200, 150),
                          -1, cv2.LINE_AA)

    def _stove(self, img, t):
        s = self.s
        for i, (bx, by) in enumerate(self.burners):
            for k in range(7):
                a = k / 7 * 2 * np.pi
                fl = 6 + 4 * np.sin(t * 11 + k * 1.7 + i)
                px = bx + int(26 * s * np.cos(a))
                cv2.line(img, (px, by), (px, by - int(fl * s)), (255, 140, 40), max(1, int(3 * s)), cv2.LINE_AA)
            # Pot or wok on the burner.
            cv2.rectangle(img, (bx - int(30 * s), by - int(42 * s)), (bx + int(30 * s), by - int(6 * s)), (70, 70, 75), -1, cv2.LINE_AA)
            cv2.ellipse(img, (bx, by - int(42 * s)), (int(30 * s), int(6 * s)), 0, 0, 360, (100, 100, 105), -1, cv2.LINE_AA)
            cv2.line(img, (bx + int(30 * s), by - int(30 * s)), (bx + int(58 * s), by - int(36 * s)), (40, 40, 40), max(1, int(4 * s)))

    def _steam(self, img, t):
        overlay = img.copy()
        s = self.s
        for i, (ox, ph, sz) in enumerate(self.steam):
            bx, by = self.burners[i % 2]
            life = (t * 0.45 + ph) % 1.0
            y = by - int((48 + 120 * life) * s)
            x = bx + int(((ox - 0.5) * 40 + 12 * np.sin(t * 1.5 + i)) * s)
            cv2.circle(overlay, (x, y), int((5 + 10 * sz + 14 * life) * s), (238, 238, 238), -1, cv2.LINE_AA)
        cv2.addWeighted(overlay, 0.35, img, 0.65, 0, dst=img)

    def _rodent(self, img, t, window):
        a, b = window
        u = (t - a) / (b - a)
        s = self.s
        if u < 0.5:  # along the counter top, left to right
            x = int(self.w * (0.05 + 1.8 * u * 0.9))
            y = self.counter_y + int(8 * s)
        else:  # back along the floor
            x = int(self.w * (0.95 - (u - 0.5) * 1.8 * 0.9))
            y = self.h - int(12 * s)
        y += int(2 * s * np.sin(t * 20))
        d = 1 if u < 0.5 else -1
        # Dark against the steel counter; on the floor the infrared lamp makes its fur shine.
        fur = (40, 42, 46) if u < 0.5 else (175, 178, 182)
        cv2.ellipse(img, (x, y), (int(10 * s), int(5 * s)), 0, 0, 360, fur, -1, cv2.LINE_AA)
        cv2.circle(img, (x + d * int(10 * s), y - int(2 * s)), int(4 * s), fur, -1, cv2.LINE_AA)
        cv2.line(img, (x - d * int(9 * s), y), (x - d * int(22 * s), y + int(3 * s)), fur, 1, cv2.LINE_AA)

    def rodent_box(self, t: float, window) -> tuple[int, int, int, int] | None:
        if not window:
            return None
        a, b = window
        u = (t - a) / (b - a)
        s = self.s
        if u < 0.5:
            x, y = int(self.w * (0.05 + 1.8 * u * 0.9)), self.counter_y + int(8 * s)
        else:
            x, y = int(self.w * (0.95 - (u - 0.5) * 1.8 * 0.9)), self.h - int(12 * s)
        return (x - int(26 * s), y - int(14 * s), int(52 * s), int(28 * s))

    def _osd(self, img, t, night: bool, cam: str):
        start = datetime(2026, 3, 2, 2, 10, 0) if night else datetime(2026, 3, 2, 11, 30, 0)
        stamp = (start + timedelta(seconds=int(t))).strftime("%Y-%m-%d %H:%M:%S")
        scale = 0.45 * self.s
        org = (int(8 * self.s), int(18 * self.s))
        for color, th in (((0, 0, 0), 2), ((255, 255, 255), 1)):
            cv2.putText(img, stamp, org, cv2.FONT_HERSHEY_SIMPLEX, scale, color, th, cv2.LINE_AA)
            cv2.putText(img, cam, (org[0], self.h - int(8 * self.s)), cv2.FONT_HERSHEY_SIMPLEX, scale, color, th, cv2.LINE_AA)

    def render(self, t: float) -> np.ndarray:
        events = self.spec.events()
        night = self.spec.scenario == "night" or _active(events, "night", t) is not None
        img = self.background.copy()
        if not night:
            self._stove(img, t)
            for c in self.cooks:
                self._cook(img, c, t)
            self._steam(img, t)
        rodent = _active(events, "rodent", t)
        if rodent:
            self._rodent(img, t, rodent)
        if night:
            gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
            img = cv2.cvtColor(cv2.convertScaleAbs(gray, alpha=0.32, beta=6), cv2.COLOR_GRAY2BGR)
        self._osd(img, t, night, f"CAM {self.spec.seed:02d}  DEMO")
        return img


def _covered(img: np.ndarray, t: float, window: tuple[float, float], rng) -> np.ndarray:
    """A palm over the lens: out of focus, dark, skin-tinted, sliding in within half a second."""
    a, b = window
    h, w = img.shape[:2]
    reach = min(1.0, (t - a) / 0.5, (b - t) / 0.5)
    hand = np.empty_like(img)
    yy = np.linspace(0, 1, h)[:, None]
    xx = np.linspace(0, 1, w)[None, :]
    shade = 0.55 + 0.45 * np.exp(-((xx - 0.4) ** 2 + (yy - 0.6) ** 2) * 3)
    for ch, base in enumerate((22, 30, 44)):
        hand[:, :, ch] = np.clip(base * shade + rng.normal(0, 1.2, (h, w)), 0, 255).astype(np.uint8)
    if reach >= 1.0:
        return hand
    cut = int(w * reach)
    out = img.copy()
    out[:, :cut] = hand[:, :cut]
    return out


def _no_signal(img: np.ndarray, t: float, window: tuple[float, float], rng) -> np.ndarray:
    a, _ = window
    h, w = img.shape[:2]
    if t - a < 1.5:  # snow while the decoder loses sync
        g = rng.integers(0, 256, (h, w), dtype=np.uint8)
        return cv2.cvtColor(g, cv2.COLOR_GRAY2BGR)
    out = np.empty_like(img)
    out[:] = (170, 60, 20)
    scale = h / 360.0
    text = "NO SIGNAL"
    size, _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 1.2 * scale, 2)
    cv2.putText(out, text, ((w - size[0]) // 2, (h + size[1]) // 2), cv2.FONT_HERSHEY_SIMPLEX, 1.2 * scale,
                (255, 255, 255), max(1, int(2 * scale)), cv2.LINE_AA)
    return out


# What each camera alert kind looks like in a demo scene: the first cook's attire or props, or an event.
_ALERT_COOK = {"no_hat": {"hat": False}, "no_mask": {"mask": False}, "smoking": {"prop": "cigarette", "mask": False},
               "phone": {"prop": "phone"}}
ALERT_SCENES = (*_ALERT_COOK, "after_hours_motion", "lens_covered", "blurred", "frozen")


def alert_frames(kind: str, seed: int = 1, seconds: float = 3.0, width: int = 640, height: int = 360,
                 fps: float = 15.0, start: float = 12.0) -> tuple[list[np.ndarray], tuple[int, int, int, int] | None]:
    """Frames of a demo kitchen while an alert of ``kind`` happens, and the box around it in the
    last frame (None when the whole picture is the event): what a vision worker would have
    snapped for a demo city's alert history. Kinds without a picture of their own (a camera
    offline) raise ValueError."""
    if kind not in ALERT_SCENES:
        raise ValueError(f"no demo scene for alert kind {kind!r}; scenes: {', '.join(ALERT_SCENES)}")
    spec = ClipSpec(scenario="night" if kind == "after_hours_motion" else "kitchen", seed=1 + (seed - 1) % KITCHENS,
                    width=width, height=height, fps=fps, seconds=max(seconds, 1.0))
    kitchen = _Kitchen(spec)
    # The cook nearest the middle misbehaves, drawn last so no one stands in front.
    target = min(kitchen.cooks, key=lambda c: abs(c["x0"] - 0.5) + c["amp"])
    kitchen.cooks.remove(target)
    kitchen.cooks.append(target)
    target.update(_ALERT_COOK.get(kind, {}))
    rng = np.random.default_rng(seed)
    n = max(1, int(round(seconds * fps)))
    out, box = [], None
    t0 = 4.0 if kind == "after_hours_motion" else start
    for i in range(n):
        t = t0 + i / fps
        img = kitchen.render(t)
        if kind == "lens_covered":  # a palm held still over the lens
            img = out[0] if out else _covered(img, t, (t0 - 1.0, t0 + seconds + 1.0), rng)
        elif kind == "blurred":
            img = cv2.GaussianBlur(img, (0, 0), 6.0)
        elif kind == "frozen" and out:
            img = out[0]
        out.append(img)
    last_t = t0 + (n - 1) / fps
    if kind in _ALERT_COOK:
        box = target["head_box"]
    elif kind == "after_hours_motion":
        box = kitchen.rodent_box(last_t, _active(spec.events(), "rodent", last_t))
    return out, box


def frames(spec: ClipSpec) -> Iterator[np.ndarray]:
    """Yield the clip's BGR frames in order (what ``clip_path`` encodes)."""
    kitchen = _Kitchen(spec)
    rng = np.random.default_rng(spec.seed + 1000)
    events = spec.events()
    held: np.ndarray | None = None
    noise_rng = np.random.default_rng(spec.seed + 2000)
    # Sensor noise from a small bank of pre-drawn fields: drawing a fresh field per frame would
    # cost more than the whole kitchen.
    bank = [(noise_rng.standard_normal((spec.height, spec.width, 3), dtype=np.float32) * 2.0).astype(np.int16)
            for _ in range(8)]
    for i in range(spec.frame_count):
        t = i / spec.fps
        if _active(events, "frozen", t) and held is not None:
            yield held
            continue
        img = kitchen.render(t)
        img = cv2.add(img, bank[int(noise_rng.integers(len(bank)))], dtype=cv2.CV_8U)
        cover = _active(events, "lens_covered", t)
        if cover:
            img = _covered(img, t, cover, rng)
        lost = _active(events, "signal_lost", t)
        if lost:
            img = _no_signal(img, t, lost, rng)
        held = img
        yield img
