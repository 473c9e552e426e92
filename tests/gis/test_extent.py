"""The extent a map opens on follows where the places are, not a city written into the code."""

import numpy as np
import pytest

from gis.extent import dense_extent


def test_the_odd_far_place_does_not_drag_the_view_away():
    rng = np.random.default_rng(1)
    lon = np.r_[rng.uniform(109.8, 110.0, 500), 110.9]  # one farm far to the north-east
    lat = np.r_[rng.uniform(40.58, 40.68, 500), 41.7]
    w, s, e, n = dense_extent(lon, lat)
    assert 109.75 < w < 109.82 and 109.98 < e < 110.05 and 40.55 < s < 40.6 and 40.66 < n < 40.72
    assert e < 110.9 and n < 41.7


def test_another_city_works_the_same_way():
    rng = np.random.default_rng(2)
    lon, lat = rng.normal(111.67, 0.03, 300), rng.normal(40.82, 0.02, 300)  # Hohhot
    w, s, e, n = dense_extent(lon, lat)
    assert w < 111.67 < e and s < 40.82 < n and (e - w) < 0.3


def test_few_or_no_places():
    assert dense_extent([], []) is None
    assert dense_extent([np.nan], [40.0]) is None
    w, s, e, n = dense_extent([109.9], [40.6])  # one market: a street-level box around it
    assert w < 109.9 < e and s < 40.6 < n and 0.005 < e - w < 0.05
    w, s, e, n = dense_extent([109.9, 110.3], [40.6, 40.9])  # two: both kept
    assert w < 109.9 and e > 110.3


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="share"):
        dense_extent([1], [1], share=0)
    with pytest.raises(ValueError, match="same length"):
        dense_extent([1, 2], [1])


def test_villages_are_left_out_and_a_twin_town_is_kept():
    rng = np.random.default_rng(3)
    city = (rng.uniform(109.8, 110.0, 2000), rng.uniform(40.58, 40.68, 2000))
    villages = [(rng.normal(x, 0.002, 60), rng.normal(y, 0.002, 60)) for x, y in
                ((110.4, 41.0), (109.5, 41.3), (110.9, 41.7))]  # dense, but small
    lon = np.concatenate([city[0], *(v[0] for v in villages)])
    lat = np.concatenate([city[1], *(v[1] for v in villages)])
    w, s, e, n = dense_extent(lon, lat)
    assert 109.75 < w < 109.8 and 110.0 < e < 110.05 and n < 40.75
    twin = (rng.uniform(110.5, 110.6, 900), rng.uniform(40.6, 40.65, 900))
    w, s, e, n = dense_extent(np.r_[lon, twin[0]], np.r_[lat, twin[1]])
    assert w < 109.8 and e > 110.6 and n < 40.75  # both towns, still no village
