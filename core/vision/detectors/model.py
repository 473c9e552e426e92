"""The model detector: any ONNX model, described by a small validated config.

The program ships the mechanism, not weights: a site drops in a model (hat, mask, smoking, phone,
rodent…) and a config saying how to feed it and how to read its output:

```json
{
  "name": "hats",                      "model": "hats.onnx",
  "runtime": "opencv",                 "decoder": "yolov8",
  "input_size": [640, 640],
  "preprocess": {"mean": [0, 0, 0], "scale": 0.00392156, "swap_rb": true,
                 "layout": "NCHW", "letterbox": true},
  "labels": ["hat", "no_hat", "mask", "no_mask"],
  "alerts": {"no_hat": "no_hat", "no_mask": "no_mask"},
  "score_threshold": 0.5, "nms_threshold": 0.45, "every": 3
}
```

Runtimes: ``opencv`` (``cv2.dnn.readNet``) or ``onnxruntime`` (when installed). Decoders:
``yunet`` (OpenCV's ``FaceDetectorYN``, for the YuNet face models; label ``face``), ``ssd``
(``[1, 1, N, 7]`` rows of image, class, score, x1, y1, x2, y2 in 0–1), ``yolov5`` (``[1, N, 5 + C]``
centre-size boxes, objectness, class scores), ``yolov8`` (``[1, 4 + C, N]``), ``classify``
(``[1, C]`` scores for the whole picture, no box). Unknown keys are refused, so a typo never
silently turns a setting off. Only labels named in ``alerts`` raise anything.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from core.vision.detectors.base import Detection, Detector, features_of

RUNTIMES = ("opencv", "onnxruntime")
DECODERS = ("yunet", "ssd", "yolov5", "yolov8", "classify")
LAYOUTS = ("NCHW", "NHWC")
_KEYS = {"name", "model", "runtime", "decoder", "input_size", "preprocess", "labels", "alerts",
         "score_threshold", "nms_threshold", "every", "upscale", "top_k"}
_PRE_KEYS = {"mean", "scale", "swap_rb", "layout", "letterbox"}


class ConfigError(ValueError):
    """A model config with problems; the message lists every one."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"model config {source}: " + "; ".join(problems))


@dataclass(frozen=True)
class Preprocess:
    mean: tuple[float, float, float] = (0.0, 0.0, 0.0)
    scale: float = 1.0
    swap_rb: bool = False
    layout: str = "NCHW"
    letterbox: bool = False


@dataclass(frozen=True)
class ModelConfig:
    name: str
    model: Path
    decoder: str
    input_size: tuple[int, int]  # width, height
    labels: tuple[str, ...]
    alerts: dict[str, str]
    runtime: str = "opencv"
    preprocess: Preprocess = field(default_factory=Preprocess)
    score_threshold: float = 0.5
    nms_threshold: float = 0.45
    every: int = 1  # run on every Nth frame; the others reuse the last result
    upscale: float = 1.0  # yunet: enlarge the frame first, for small faces far from the camera
    top_k: int = 200

    @classmethod
    def from_dict(cls, data: dict, *, base_dir: Path | None = None, source: str = "<dict>") -> ModelConfig:
        problems: list[str] = []
        if not isinstance(data, dict):
            raise ConfigError(source, ["the config must be an object / table"])
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            problems.append(f"unknown key(s) {', '.join(unknown)}")
        for key in ("name", "model", "decoder", "labels", "alerts"):
            if key not in data:
                problems.append(f"missing {key!r}")
        decoder = data.get("decoder")
        if decoder is not None and decoder not in DECODERS:
            problems.append(f"decoder {decoder!r} is not one of {', '.join(DECODERS)}")
        runtime = data.get("runtime", "opencv")
        if runtime not in RUNTIMES:
            problems.append(f"runtime {runtime!r} is not one of {', '.join(RUNTIMES)}")
        model = data.get("model")
        path = None
        if isinstance(model, str) and model:
            path = Path(model).expanduser()
            if not path.is_absolute() and base_dir is not None:
                path = base_dir / path
            if not path.is_file():
                problems.append(f"model file {path} does not exist")
        elif model is not None:
            problems.append("'model' must be a file path")
        size = data.get("input_size", [320, 320])
        if not (isinstance(size, (list, tuple)) and len(size) == 2
                and all(isinstance(v, int) and 16 <= v <= 4096 for v in size)):
            problems.append("input_size must be [width, height], integers 16–4096")
            size = (320, 320)
        labels = data.get("labels", [])
        if not (isinstance(labels, list) and labels and all(isinstance(s, str) and s for s in labels)):
            problems.append("labels must be a non-empty list of names")
            labels = []
        alerts = data.get("alerts", {})
        if not (isinstance(alerts, dict) and alerts and all(isinstance(v, str) and v for v in alerts.values())):
            problems.append("alerts must map labels to alert kinds, e.g. {\"no_hat\": \"no_hat\"}")
            alerts = {}
        stray = sorted(k for k in alerts if labels and k not in labels)
        if stray:
            problems.append(f"alerts name label(s) not in labels: {', '.join(stray)}")
        if decoder == "yunet" and labels and labels != ["face"]:
            problems.append("the yunet decoder has the single label 'face'")

        def number(key, default, lo, hi, kind=float):
            v = data.get(key, default)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or (kind is int and not isinstance(v, int)) \
                    or not lo <= v <= hi:
                problems.append(f"{key} must be a number from {lo} to {hi}")
                return default
            return kind(v)

        score = number("score_threshold", 0.5, 0.0, 1.0)
        nms = number("nms_threshold", 0.45, 0.0, 1.0)
        every = number("every", 1, 1, 100, int)
        upscale = number("upscale", 1.0, 0.1, 8.0)
        top_k = number("top_k", 200, 1, 10000, int)
        pre = data.get("preprocess", {})
        pre_obj = Preprocess()
        if not isinstance(pre, dict):
            problems.append("preprocess must be an object")
        else:
            bad = sorted(set(pre) - _PRE_KEYS)
            if bad:
                problems.append(f"unknown preprocess key(s) {', '.join(bad)}")
            mean = pre.get("mean", [0, 0, 0])
            if not (isinstance(mean, (list, tuple)) and len(mean) == 3 and all(isinstance(v, (int, float)) for v in mean)):
                problems.append("preprocess.mean must be three numbers")
                mean = (0, 0, 0)
            layout = pre.get("layout", "NCHW")
            if layout not in LAYOUTS:
                problems.append(f"preprocess.layout must be NCHW or NHWC, not {layout!r}")
            scale = pre.get("scale", 1.0)
            if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 1000:
                problems.append("preprocess.scale must be a positive number")
                scale = 1.0
            pre_obj = Preprocess(tuple(float(v) for v in mean), float(scale), bool(pre.get("swap_rb", False)),
                                 layout if layout in LAYOUTS else "NCHW", bool(pre.get("letterbox", False)))
        if problems:
            raise ConfigError(source, problems)
        return cls(name=str(data["name"]), model=path, decoder=decoder, input_size=(int(size[0]), int(size[1])),
                   labels=tuple(labels), alerts=dict(alerts), runtime=runtime, preprocess=pre_obj,
                   score_threshold=score, nms_threshold=nms, every=every, upscale=upscale, top_k=top_k)

    @classmethod
    def load(cls, path: str | Path) -> ModelConfig:
        """Read a ``.json`` or ``.toml`` config; relative model paths are relative to the config file."""
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise ConfigError(str(p), [f"cannot read it ({exc.strerror})"]) from None
        try:
            data = tomllib.loads(raw.decode()) if p.suffix.lower() == ".toml" else json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(str(p), [f"not valid {'TOML' if p.suffix.lower() == '.toml' else 'JSON'}: {exc}"]) from None
        return cls.from_dict(data, base_dir=p.parent, source=str(p))


# ---------------------------------------------------------------------------------------------
# Pre-processing and runtimes


@dataclass(frozen=True)
class Geometry:
    """How input-tensor pixels map back to frame pixels."""

    sx: float
    sy: float
    pad_x: float = 0.0
    pad_y: float = 0.0

    def to_frame(self, x1, y1, x2, y2, frame_w, frame_h) -> tuple[int, int, int, int]:
        fx1 = (x1 - self.pad_x) / self.sx
        fy1 = (y1 - self.pad_y) / self.sy
        fx2 = (x2 - self.pad_x) / self.sx
        fy2 = (y2 - self.pad_y) / self.sy
        fx1, fx2 = max(0.0, min(fx1, frame_w)), max(0.0, min(fx2, frame_w))
        fy1, fy2 = max(0.0, min(fy1, frame_h)), max(0.0, min(fy2, frame_h))
        return int(round(fx1)), int(round(fy1)), max(1, int(round(fx2 - fx1))), max(1, int(round(fy2 - fy1)))


def make_blob(image: np.ndarray, cfg: ModelConfig) -> tuple[np.ndarray, Geometry]:
    w, h = cfg.input_size
    pre = cfg.preprocess
    fh, fw = image.shape[:2]
    if pre.letterbox:
        r = min(w / fw, h / fh)
        nw, nh = int(round(fw * r)), int(round(fh * r))
        canvas = np.full((h, w, 3), 114, np.uint8)
        px, py = (w - nw) // 2, (h - nh) // 2
        canvas[py:py + nh, px:px + nw] = cv2.resize(image, (nw, nh), interpolation=cv2.INTER_LINEAR)
        src, geo = canvas, Geometry(r, r, px, py)
    else:
        src, geo = image, Geometry(w / fw, h / fh)
    blob = cv2.dnn.blobFromImage(src, pre.scale, (w, h), pre.mean, swapRB=pre.swap_rb, crop=False)
    if pre.layout == "NHWC":
        blob = np.ascontiguousarray(blob.transpose(0, 2, 3, 1))
    return blob, geo


class _OpenCVRunner:
    def __init__(self, path: Path):
        self.net = cv2.dnn.readNet(str(path))
        self.names = list(self.net.getUnconnectedOutLayersNames())

    def __call__(self, blob: np.ndarray) -> list[np.ndarray]:
        self.net.setInput(blob)
        outs = self.net.forward(self.names)
        return [np.asarray(o) for o in outs]


class _OnnxRuntimeRunner:
    def __init__(self, path: Path):
        try:
            import onnxruntime as ort
        except ImportError:
            raise ConfigError(str(path), ["runtime 'onnxruntime' is not installed; use runtime 'opencv'"]) from None
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        self.names = [o.name for o in self.session.get_outputs()]

    def __call__(self, blob: np.ndarray) -> list[np.ndarray]:
        return list(self.session.run(None, {self.input: blob.astype(np.float32)}))


def make_runner(cfg: ModelConfig):
    return _OnnxRuntimeRunner(cfg.model) if cfg.runtime == "onnxruntime" else _OpenCVRunner(cfg.model)


# ---------------------------------------------------------------------------------------------
# Output decoders: tensors → (label index, score, (x1, y1, x2, y2) in input pixels or None)


def _nms(rows, score_thr: float, nms_thr: float, top_k: int):
    if not rows:
        return []
    boxes = [[r[2][0], r[2][1], r[2][2] - r[2][0], r[2][3] - r[2][1]] for r in rows]
    keep = cv2.dnn.NMSBoxes(boxes, [float(r[1]) for r in rows], score_thr, nms_thr, top_k=top_k)
    return [rows[i] for i in np.asarray(keep).ravel()]


def decode_ssd(outputs, cfg: ModelConfig):
    out = np.asarray(outputs[0]).reshape(-1, 7)
    w, h = cfg.input_size
    rows = []
    for _, cls, score, x1, y1, x2, y2 in out:
        if score >= cfg.score_threshold and 0 <= int(cls) < len(cfg.labels):
            rows.append((int(cls), float(score), (x1 * w, y1 * h, x2 * w, y2 * h)))
    return _nms(rows, cfg.score_threshold, cfg.nms_threshold, cfg.top_k)


def _centre_rows(pred: np.ndarray, scores: np.ndarray, cfg: ModelConfig):
    cls = scores.argmax(axis=1)
    best = scores[np.arange(len(scores)), cls]
    keep = best >= cfg.score_threshold
    rows = []
    for (cx, cy, bw, bh), c, s in zip(pred[keep], cls[keep], best[keep], strict=True):
        rows.append((int(c), float(s), (cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)))
    return _nms(rows, cfg.score_threshold, cfg.nms_threshold, cfg.top_k)


def decode_yolov5(outputs, cfg: ModelConfig):
    out = np.asarray(outputs[0])
    out = out.reshape(-1, out.shape[-1])
    return _centre_rows(out[:, :4], out[:, 5:] * out[:, 4:5], cfg)


def decode_yolov8(outputs, cfg: ModelConfig):
    out = np.asarray(outputs[0])
    out = out.reshape(out.shape[-2], out.shape[-1]).T  # [4 + C, N] → [N, 4 + C]
    return _centre_rows(out[:, :4], out[:, 4:], cfg)


def decode_classify(outputs, cfg: ModelConfig):
    scores = np.asarray(outputs[0]).ravel().astype(np.float64)
    if scores.min() < 0 or not math.isclose(scores.sum(), 1.0, rel_tol=1e-2):
        e = np.exp(scores - scores.max())
        scores = e / e.sum()
    i = int(scores.argmax())
    return [(i, float(scores[i]), None)] if scores[i] >= cfg.score_threshold else []


_DECODE = {"ssd": decode_ssd, "yolov5": decode_yolov5, "yolov8": decode_yolov8, "classify": decode_classify}


# ---------------------------------------------------------------------------------------------


class ModelDetector(Detector):
    """Runs one configured model; labels listed in ``alerts`` become detections of their kind."""

    name = "model"

    def __init__(self, config: ModelConfig | dict | str | Path, thresholds=None):
        if isinstance(config, dict):
            config = ModelConfig.from_dict(config)
        elif isinstance(config, (str, Path)):
            config = ModelConfig.load(config)
        self.config = config
        self._kinds = tuple(dict.fromkeys(config.alerts.values()))
        super().__init__(None)
        self.thresholds = {k: config.score_threshold for k in self._kinds}
        for k, v in (thresholds or {}).items():
            self.set_threshold(k, v)
        self._frames = 0
        self._last: list[Detection] = []
        if config.decoder == "yunet":
            self._face = cv2.FaceDetectorYN.create(str(config.model), "", config.input_size,
                                                   config.score_threshold, config.nms_threshold, config.top_k)
            self._runner = None
        else:
            self._face = None
            self._runner = make_runner(config)

    def emits(self) -> tuple[str, ...]:
        return self._kinds

    def detect(self, image: np.ndarray) -> list[tuple[str, float, tuple[int, int, int, int] | None]]:
        """Every label the model finds in one picture, with score and box in the picture's pixels."""
        cfg = self.config
        fh, fw = image.shape[:2]
        if self._face is not None:
            k = cfg.upscale
            src = image if k == 1.0 else cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
            self._face.setInputSize((src.shape[1], src.shape[0]))
            _, faces = self._face.detect(src)
            out = []
            for row in faces if faces is not None else []:
                x, y, w, h = (float(v) / k for v in row[:4])
                x1, y1 = max(0.0, x), max(0.0, y)
                box = (int(round(x1)), int(round(y1)), max(1, int(round(min(x + w, fw) - x1))),
                       max(1, int(round(min(y + h, fh) - y1))))
                out.append(("face", float(row[-1]), box))
            return out
        blob, geo = make_blob(image, cfg)
        rows = _DECODE[cfg.decoder](self._runner(blob), cfg)
        return [(cfg.labels[c], s, None if b is None else geo.to_frame(*b, fw, fh)) for c, s, b in rows]

    def update(self, frame, t: float) -> list[Detection]:
        if frame is None:
            return []
        self._frames += 1
        if (self._frames - 1) % self.config.every == 0:
            image = features_of(frame).image
            found = []
            for label, score, box in self.detect(image):
                kind = self.config.alerts.get(label)
                if kind is not None and score >= self.threshold(kind):
                    found.append(Detection(kind, min(1.0, score), box, {"label": label, "model": self.config.name}))
            self._last = found
        return list(self._last)
