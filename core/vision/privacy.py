"""Faces are blurred in every snapshot and clip that leaves the program (export, copy).

How faces are found, in order of preference:

1. the YuNet face model (``cv2.FaceDetectorYN``) when a model path is configured (argument or
   ``SHIAN_FACE_MODEL``); it finds small, turned and partly hidden faces;
2. OpenCV's bundled Haar cascade (``cv2.data.haarcascades``) where the installed OpenCV still
   ships it (the 4.x wheels);
3. otherwise nothing can tell where the faces are, so the whole picture is pixelated: without a
   face finder, nothing identifiable leaves. ``FaceBlurrer.method`` says which one is in use.
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np

from core.vision.media import decode_jpeg, decode_mp4, encode_jpeg, encode_mp4

ENV_MODEL = "SHIAN_FACE_MODEL"
_HAAR = "haarcascade_frontalface_default.xml"


def _haar_path() -> str | None:
    data = getattr(cv2, "data", None)
    folder = getattr(data, "haarcascades", None)
    if not folder or not hasattr(cv2, "CascadeClassifier"):
        return None
    path = os.path.join(folder, _HAAR)
    return path if os.path.isfile(path) else None


def pixelate(region: np.ndarray, blocks: int = 8) -> np.ndarray:
    h, w = region.shape[:2]
    if h == 0 or w == 0:
        return region
    small = cv2.resize(region, (max(1, min(blocks, w)), max(1, min(blocks, h))), interpolation=cv2.INTER_AREA)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)


class FaceBlurrer:
    def __init__(self, model_path: str | Path | None = None, *, upscale: float = 2.0, score: float = 0.6,
                 margin: float = 0.6):
        model_path = model_path or os.environ.get(ENV_MODEL) or None
        self.upscale, self.score, self.margin = upscale, score, margin
        self._yunet = None
        self._haar = None
        if model_path:
            if not Path(model_path).is_file():
                raise FileNotFoundError(f"face model {model_path} does not exist")
            self._yunet = cv2.FaceDetectorYN.create(str(model_path), "", (320, 320), score, 0.3, 5000)
            self.method = "yunet"
        elif (haar := _haar_path()) is not None:
            self._haar = cv2.CascadeClassifier(haar)
            self.method = "haar"
        else:
            self.method = "whole_frame"

    def faces(self, image: np.ndarray) -> list[tuple[int, int, int, int]]:
        """Face boxes (x, y, w, h) in the image's pixels; empty for the whole-frame method."""
        if self._yunet is not None:
            k = self.upscale
            src = image if k == 1 else cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
            self._yunet.setInputSize((src.shape[1], src.shape[0]))
            _, found = self._yunet.detect(src)
            return [tuple(int(round(v / k)) for v in row[:4]) for row in (found if found is not None else [])]
        if self._haar is not None:
            gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            return [tuple(int(v) for v in b) for b in self._haar.detectMultiScale(gray, 1.1, 4, minSize=(12, 12))]
        return []

    def blur(self, image: np.ndarray) -> np.ndarray:
        """A copy of the picture with every face found pixelated (or all of it, without a finder)."""
        if self.method == "whole_frame":
            return pixelate(image, blocks=max(4, image.shape[1] // 24))
        out = image.copy()
        ih, iw = image.shape[:2]
        for x, y, w, h in self.faces(image):
            mx, my = int(w * self.margin) + 1, int(h * self.margin) + 1
            x1, y1 = max(0, x - mx), max(0, y - my)
            x2, y2 = min(iw, x + w + mx), min(ih, y + h + my)
            # Few blocks across a small face: a tiny head pixelated into 4×4 still reads as a face.
            blocks = max(2, min(8, min(w, h) // 5))
            out[y1:y2, x1:x2] = pixelate(out[y1:y2, x1:x2], blocks=blocks)
        return out

    def blur_jpeg(self, data: bytes, quality: int = 85) -> bytes:
        return encode_jpeg(self.blur(decode_jpeg(data)), quality)

    def blur_mp4(self, data: bytes) -> bytes:
        frames, fps = decode_mp4(data)
        return encode_mp4([self.blur(f) for f in frames], fps)
