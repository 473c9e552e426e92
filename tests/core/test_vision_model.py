"""The model detector: a validated config, the YuNet face model on a real CCTV frame, the
generic ONNX runner and the output decoders."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.vision.capture import iter_frames
from core.vision.detectors.model import (
    ConfigError,
    Geometry,
    ModelConfig,
    ModelDetector,
    decode_classify,
    decode_ssd,
    decode_yolov8,
    make_blob,
    make_runner,
)
from tests.conftest import shared_data


@pytest.fixture(scope="module")
def clip():
    path = shared_data("video", "opencv_vtest_frames000-299.mp4")
    return [f.image for f in iter_frames(str(path))]


def _yunet(**over) -> dict:
    cfg = {"name": "faces", "model": str(shared_data("models", "yunet_n_320_320.onnx")), "decoder": "yunet",
           "input_size": [320, 320], "labels": ["face"], "alerts": {"face": "face_seen"},
           "score_threshold": 0.6, "upscale": 2.0}
    cfg.update(over)
    return cfg


def test_yunet_finds_the_faces_of_the_walkers_and_none_in_the_empty_scene(clip):
    det = ModelDetector(_yunet())
    assert det.emits() == ("face_seen",)
    found = det.update(clip[10], 1.0)
    assert len(found) >= 2
    empty = np.median(np.stack(clip[::10]), axis=0).astype(np.uint8)  # the campus with nobody in it
    for d in found:
        assert d.kind == "face_seen" and 0.6 <= d.score <= 1 and d.detail["label"] == "face"
        x, y, w, h = d.box
        assert 3 <= w <= 30 and 3 <= h <= 30  # a head's size at this distance
        # A face sits where a person is: the pixels differ from the empty campus.
        assert np.abs(clip[10][y:y + h, x:x + w].astype(int) - empty[y:y + h, x:x + w]).max() > 40
    assert ModelDetector(_yunet()).update(empty, 0.0) == []
    # A threshold above every score silences it.
    top = max(d.score for d in found)
    strict = ModelDetector(_yunet(), thresholds={"face_seen": min(1.0, top + 0.01)})
    assert strict.update(clip[10], 1.0) == []


def test_the_model_runs_on_every_nth_frame_and_repeats_its_result_between(clip):
    det = ModelDetector(_yunet(every=5))
    first = det.update(clip[10], 1.0)
    assert first and det.update(clip[0], 1.1) == first  # frame 2 of 5: not run again


def test_a_config_file_in_toml_with_a_relative_model_path(tmp_path):
    model = shared_data("models", "yunet_s_640_640.onnx")
    (tmp_path / "yunet.onnx").write_bytes(model.read_bytes())
    path = tmp_path / "faces.toml"
    path.write_text('name = "faces"\nmodel = "yunet.onnx"\ndecoder = "yunet"\ninput_size = [640, 640]\n'
                    'labels = ["face"]\nscore_threshold = 0.7\n[alerts]\nface = "face_seen"\n'
                    '[preprocess]\nswap_rb = true\n')
    cfg = ModelConfig.load(path)
    assert cfg.model == tmp_path / "yunet.onnx" and cfg.input_size == (640, 640) and cfg.preprocess.swap_rb


def test_a_bad_config_lists_every_problem_and_nothing_runs(tmp_path):
    bad = {"name": "hats", "model": str(tmp_path / "missing.onnx"), "decoder": "yolov9", "labels": ["hat"],
           "alerts": {"no_hat": "no_hat"}, "score_threshold": 1.5, "treshold": 0.4,
           "preprocess": {"layout": "CHW", "mean": [0, 0]}}
    with pytest.raises(ConfigError) as exc:
        ModelConfig.from_dict(bad)
    text = str(exc.value)
    for part in ("unknown key(s) treshold", "yolov9", "missing.onnx does not exist", "not in labels: no_hat",
                 "score_threshold", "layout", "preprocess.mean"):
        assert part in text
    path = tmp_path / "broken.json"
    path.write_text("{name: hats")
    with pytest.raises(ConfigError, match="not valid JSON"):
        ModelConfig.load(path)
    with pytest.raises(ConfigError, match="cannot read"):
        ModelConfig.load(tmp_path / "absent.json")


def test_the_generic_runner_loads_an_onnx_model_through_opencv_dnn(clip):
    cfg = ModelConfig.from_dict({"name": "raw", "model": str(shared_data("models", "yunet_n_320_320.onnx")),
                                 "decoder": "classify", "input_size": [320, 320], "labels": ["x"],
                                 "alerts": {"x": "x"}, "preprocess": {"letterbox": True}})
    blob, geo = make_blob(clip[10], cfg)
    assert blob.shape == (1, 3, 320, 320)
    outputs = make_runner(cfg)(blob)
    shapes = sorted(o.shape for o in outputs)
    assert (1, 1600, 4) in shapes and (1, 100, 10) in shapes and len(outputs) == 12
    # Letterboxing 768×576 into 320×320: scale 320/768 (to 320×240), 40 px bars above and below.
    assert geo.sx == pytest.approx(320 / 768) and geo.pad_x == 0 and geo.pad_y == 40


def test_onnxruntime_is_used_when_asked_or_its_absence_is_explained(clip):
    cfg = ModelConfig.from_dict({**_yunet(), "decoder": "classify", "runtime": "onnxruntime", "labels": ["x"],
                                 "alerts": {"x": "x"}})
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="onnxruntime' is not installed"):
            make_runner(cfg)
        return
    outputs = make_runner(cfg)(make_blob(clip[10], cfg)[0])
    assert len(outputs) == 12


def _cfg(decoder, labels, **over):
    return ModelConfig(name="t", model=None, decoder=decoder, input_size=(640, 640), labels=tuple(labels),
                       alerts={}, **over)


def test_yolov8_output_is_decoded_with_non_maximum_suppression_and_mapped_back_to_the_frame():
    cfg = _cfg("yolov8", ["hat", "no_hat"], score_threshold=0.5, nms_threshold=0.45)
    n = 4
    out = np.zeros((1, 6, n), np.float32)
    # columns: cx, cy, w, h, score(hat), score(no_hat)
    out[0, :, 0] = [100, 200, 40, 60, 0.1, 0.9]
    out[0, :, 1] = [102, 201, 40, 60, 0.2, 0.8]  # the same head again: suppressed
    out[0, :, 2] = [400, 300, 50, 50, 0.7, 0.1]
    out[0, :, 3] = [500, 500, 50, 50, 0.3, 0.2]  # too weak
    rows = decode_yolov8([out], cfg)
    assert sorted((c, round(s, 2)) for c, s, _ in rows) == [(0, 0.7), (1, 0.9)]
    box = next(b for c, _, b in rows if c == 1)
    # The frame was 1280×720 letterboxed to 640×640: scale 0.5, 140 px bars top and bottom.
    assert Geometry(0.5, 0.5, 0, 140).to_frame(*box, 1280, 720) == (160, 60, 80, 120)


def test_ssd_and_classification_outputs():
    cfg = _cfg("ssd", ["background", "rodent"], score_threshold=0.5)
    out = np.array([[[[0, 1, 0.93, 0.1, 0.2, 0.3, 0.4], [0, 1, 0.2, 0.5, 0.5, 0.6, 0.6]]]], np.float32)
    rows = decode_ssd([out], cfg)
    assert len(rows) == 1 and rows[0][0] == 1 and rows[0][2] == pytest.approx((64, 128, 192, 256))
    cfg = _cfg("classify", ["ok", "smoking", "phone"], score_threshold=0.5)
    assert decode_classify([np.array([[0.1, 2.5, 0.3]])], cfg)[0][0] == 1  # logits: softmax first
    assert decode_classify([np.array([[0.4, 0.3, 0.3]])], cfg) == []  # nothing sure enough


def test_a_model_config_can_be_written_as_json_and_used_by_scan(tmp_path, clip):
    from core.vision.media import write_mp4
    from core.vision.scan import scan

    path = tmp_path / "faces.json"
    path.write_text(json.dumps(_yunet()))
    video = tmp_path / "walkers.mp4"
    write_mp4(video, clip[5:15], 10, (768, 576))
    found = list(scan(str(video), detectors=["frozen"], models=[ModelConfig.load(path)]))
    assert {e["kind"] for e in found} == {"face_seen"}
    assert all(e["box"] is not None for e in found)
