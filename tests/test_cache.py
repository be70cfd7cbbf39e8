"""The result cache: computed once per key, read back identically, a new key for new inputs."""

import numpy as np
import pandas as pd

from helpers import cache


def test_computes_once_and_reads_back_identical_numbers(tmp_path):
    calls = []
    values = pd.DataFrame({"x": np.random.default_rng(1).normal(size=50)})

    def compute():
        calls.append(1)
        return {"tabel": values}

    first = cache.frames("t", {"data": "abc", "model": 1}, compute, folder=tmp_path)
    second = cache.frames("t", {"model": 1, "data": "abc"}, compute, folder=tmp_path)
    assert len(calls) == 1  # same parts in another order: same key
    pd.testing.assert_frame_equal(first["tabel"], values)
    pd.testing.assert_frame_equal(second["tabel"], first["tabel"])
    assert (second["tabel"]["x"].to_numpy() == values["x"].to_numpy()).all()  # bit for bit


def test_changed_inputs_give_a_new_key(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"tabel": pd.DataFrame({"x": [len(calls)]})}

    a = cache.frames("t", {"sha256": "aaa"}, compute, folder=tmp_path)
    b = cache.frames("t", {"sha256": "bbb"}, compute, folder=tmp_path)
    assert len(calls) == 2 and a["tabel"]["x"][0] == 1 and b["tabel"]["x"][0] == 2


def test_an_interrupted_computation_is_redone(tmp_path):
    parts = {"k": 1}
    folder = tmp_path / f"t-{cache.key(parts)}"
    folder.mkdir()
    (folder / "tabel.parquet").write_bytes(b"half")  # no completion marker
    out = cache.frames("t", parts, lambda: {"tabel": pd.DataFrame({"x": [3]})}, folder=tmp_path)
    assert out["tabel"]["x"][0] == 3
