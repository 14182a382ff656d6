"""The dashboard's query cache key (components.database.cache_key): one string per result."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from components.database import DataVersion, cache_key
from stancewatch.params import Filters

V1 = DataVersion(3, 207, 0, pd.Timestamp("2026-11-28 06:45"), 207, 1234)


def test_equal_queries_share_a_key_and_any_difference_parts_them() -> None:
    p = {**Filters().params(), "grain": "month"}
    key = cache_key("analytics/stance_share", p, V1)
    assert cache_key("analytics/stance_share", dict(reversed(p.items())), V1) == key
    others = [
        cache_key("analytics/silence_rate", p, V1),
        cache_key("analytics/stance_share", {**p, "grain": "week"}, V1),
        cache_key("analytics/stance_share", {**p, "capitals": ["Paris"]}, V1),
        cache_key("analytics/stance_share", {**p, "capitals": ["Paris", "Kyiv"]}, V1),
        cache_key("analytics/stance_share", {**p, "capitals": ["Kyiv", "Paris"]}, V1),
        cache_key("analytics/stance_share", {**p, "start_on": dt.date(2025, 1, 1)}, V1),
        cache_key("analytics/stance_share", {**p, "start_on": "2025-01-01"}, V1),
        cache_key("analytics/stance_share", None, V1),
    ] + [
        cache_key("analytics/stance_share", p, DataVersion(*values))
        for values in [
            (4, 207, 0, V1.as_of, 207, 1234),  # a batch
            (3, 207, 1, V1.as_of, 207, 1234),  # a revision
            (3, 207, 0, None, 207, 1234),
            (3, 207, 0, V1.as_of, 207, 1235),  # a merge that kept the count
        ]
    ]
    assert len({key, *others}) == len(others) + 1


def test_numpy_values_key_as_their_python_equals() -> None:
    p = {"limit": 8, "topic_ids": [1, 2]}
    numpy = {"limit": np.int64(8), "topic_ids": np.array([1, 2])}
    assert cache_key("q", numpy, V1) == cache_key("q", p, V1)
    # A long array is keyed whole, not by numpy's shortened text ("[0 1 2 ... 2999]").
    long = np.arange(3000)
    changed = long.copy()
    changed[1500] = -1
    assert cache_key("q", {"ids": long}, V1) != cache_key("q", {"ids": changed}, V1)


def test_a_value_of_another_type_is_refused_with_its_type() -> None:
    with pytest.raises(TypeError, match="cannot be a set"):
        cache_key("q", {"capitals": {"Paris"}}, V1)
