"""Greedy label placement: nothing overlaps, the more important label wins, obstacles stay clear."""

import numpy as np

from widgets.map_canvas.labels import place_labels
from widgets.map_canvas.scalebar import format_distance, nice_length


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_kept_labels_never_overlap():
    rng = np.random.default_rng(11)
    xy = rng.uniform(0, 800, (600, 2))
    wh = rng.uniform(20, 90, (600, 1)) * np.array([[1.0, 0.25]])
    boxes = np.hstack([xy, xy + wh])
    keep = place_labels(boxes)
    kept = boxes[keep]
    assert 20 < len(kept) < 600
    for i in range(len(kept)):
        for j in range(i + 1, len(kept)):
            assert not overlaps(kept[i], kept[j])


def test_the_first_of_two_clashing_labels_wins():
    boxes = np.array([[0, 0, 50, 12], [40, 5, 90, 17], [200, 0, 250, 12]])
    assert place_labels(boxes).tolist() == [True, False, True]
    assert place_labels(boxes[[1, 0, 2]]).tolist() == [True, False, True]


def test_labels_keep_clear_of_obstacles():
    bubble = [100, 100, 140, 140]
    boxes = np.array([bubble, [120, 110, 200, 122], [150, 110, 230, 122]])
    assert place_labels(boxes, fixed=1).tolist() == [True, False, True]


def test_scale_bar_uses_round_lengths():
    assert nice_length(1.0, 120) == (100.0, 100.0)
    metres, px = nice_length(7.3, 120)
    assert metres == 500 and px <= 120
    assert nice_length(30.0, 120)[0] == 2000
    assert format_distance(2000) == "2 km" and format_distance(500) == "500 m"


def test_no_label_lands_on_any_of_many_obstacles():
    rng = np.random.default_rng(12)
    c = rng.uniform(0, 1900, (1200, 2))
    r = rng.uniform(10, 24, (1200, 1))
    bubbles = np.hstack([c - r, c + r])
    xy = rng.uniform(0, 1900, (400, 2))
    labels = np.hstack([xy, xy + np.array([70.0, 16.0])])
    keep = place_labels(np.vstack([bubbles, labels]), fixed=len(bubbles))
    assert keep[: len(bubbles)].all()
    kept = labels[keep[len(bubbles):]]
    assert len(kept) > 0
    for box in kept:
        assert not any(overlaps(box, b) for b in bubbles)
