import pandas as pd
import pytest

from helpers.methods import targets


def test_required_change_linear_and_constant_rate_by_hand():
    # 100 -> 81 in 2 years: −9,5 per year linear; 0,9 × 0,9 = 0,81 so −10% per year.
    frame = pd.DataFrame(
        {"start": [100.0], "startjaar": [2020], "doel": [81.0], "doeljaar": [2022]}
    )
    out = targets.required_change(frame).iloc[0]
    assert out["jaren"] == 2
    assert out["verandering"] == pytest.approx(-19.0)
    assert out["lineair_per_jaar"] == pytest.approx(-9.5)
    assert out["constant_pct_per_jaar"] == pytest.approx(-10.0)


def test_required_change_for_the_cbs_gap():
    frame = pd.DataFrame({"start": [11.4], "startjaar": [2015], "doel": [8.2], "doeljaar": [2030]})
    out = targets.required_change(frame).iloc[0]
    assert out["lineair_per_jaar"] == pytest.approx(-3.2 / 15)
    assert (1 + out["constant_pct_per_jaar"] / 100) ** 15 * 11.4 == pytest.approx(8.2)


def test_required_change_rejects_a_target_year_not_after_the_start():
    frame = pd.DataFrame({"start": [10.0], "startjaar": [2030], "doel": [8.0], "doeljaar": [2030]})
    with pytest.raises(ValueError, match="rij 0, kolom doeljaar"):
        targets.required_change(frame)


def test_required_change_rejects_zero_for_a_rate():
    frame = pd.DataFrame({"start": [0.0], "startjaar": [2020], "doel": [8.0], "doeljaar": [2030]})
    with pytest.raises(ValueError, match="kolom start"):
        targets.required_change(frame)


def test_paths_by_hand():
    out = targets.paths(100.0, 2020, 81.0, 2022)
    linear = out[out["pad"] == "lineair"]
    constant = out[out["pad"] == "constant percentage"]
    assert linear["jaar"].tolist() == [2020, 2021, 2022]
    assert linear["waarde"].tolist() == pytest.approx([100.0, 90.5, 81.0])
    assert constant["waarde"].tolist() == pytest.approx([100.0, 90.0, 81.0])


def test_equivalent_target_keeps_the_ratio():
    assert targets.equivalent_target(10.0, 20.0, 15.0) == pytest.approx(7.5)
    with pytest.raises(ValueError):
        targets.equivalent_target(10.0, 0.0, 15.0)
