import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.display import fmt, plots
from helpers.methods import process_control

# Monitor 2018, §5.4.1: gemiddelde netto doorlooptijd in dagen, januari–december 2018.
DOORLOOPTIJDEN = pd.Series(
    [53, 55, 45, 42, 46, 49, 49, 43, 34, 30, 35, 38],
    index=[f"2018-{m:02d}" for m in range(1, 13)],
    name="dagen",
)


def test_chart_of_the_published_doorlooptijden_by_hand():
    chart = process_control.individuals_chart(DOORLOOPTIJDEN)
    # mean 519/12; moving ranges 2+10+3+4+3+0+6+9+4+5+3 = 49 over 11 pairs
    sigma = 49 / 11 / 1.128
    assert chart["gemiddelde"].iloc[0] == pytest.approx(43.25)
    assert chart["sigma"].iloc[0] == pytest.approx(sigma)
    assert chart["bovengrens"].iloc[0] == pytest.approx(43.25 + 3 * sigma)  # 55,10
    assert chart["ondergrens"].iloc[0] == pytest.approx(43.25 - 3 * sigma)  # 31,40
    assert np.isnan(chart["bewegend_bereik"].iloc[0])
    assert chart["bewegend_bereik"].iloc[2] == 10
    # only October (30 days) falls outside the limits; February (55) stays just inside
    assert chart.index[chart["buiten_grenzen"]].tolist() == ["2018-10"]
    assert not chart["in_reeks"].any()
    assert chart["signaal"].tolist() == chart["buiten_grenzen"].tolist()


def test_limits_follow_the_sigma_multiple():
    values = pd.Series([1.0, 3.0, 1.0, 3.0])  # mean 2, every moving range 2
    chart = process_control.individuals_chart(values, sigma=2)
    assert chart["bovengrens"].iloc[0] == pytest.approx(2 + 2 * 2 / 1.128)
    assert chart["ondergrens"].iloc[0] == pytest.approx(2 - 2 * 2 / 1.128)
    assert not chart["buiten_grenzen"].any()


def test_a_step_is_caught_as_a_run():
    values = pd.Series([10.0, 11.0, 10.0, 11.0] * 2 + [20.0, 21.0, 20.0, 21.0] * 2)
    chart = process_control.individuals_chart(values)
    # the centre line (15,5) lies between the two levels: two runs of 8
    assert chart["in_reeks"].all()
    assert chart["signaal"].all()


def test_runs_on_one_side_needs_the_full_length_and_is_broken_by_the_centre():
    values = pd.Series([1, 1, 1, 0, 1, 1, -1, -1, -1])
    assert process_control.runs_on_one_side(values, 0, run_length=3).tolist() == [
        True, True, True, False, False, False, True, True, True,
    ]  # fmt: skip


@given(
    st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=30),
    st.floats(-1e3, 1e3),
    st.floats(0.1, 10),
)
def test_chart_moves_with_shift_and_scale(points, shift, scale):
    values = pd.Series(points)
    base = process_control.individuals_chart(values)
    moved = process_control.individuals_chart(values * scale + shift)
    for column in ["gemiddelde", "ondergrens", "bovengrens"]:
        assert moved[column].iloc[0] == pytest.approx(
            base[column].iloc[0] * scale + shift, abs=1e-6
        )
    assert moved["sigma"].iloc[0] == pytest.approx(base["sigma"].iloc[0] * scale, abs=1e-6)


def test_missing_or_text_values_are_named():
    values = pd.Series([53, None, "veel"], index=["2018-01", "2018-02", "2018-03"], name="dagen")
    with pytest.raises(ValueError, match=r"'dagen'.*2018-02, 2018-03"):
        process_control.individuals_chart(values)


def test_one_point_is_not_enough():
    with pytest.raises(ValueError, match="minstens 2"):
        process_control.individuals_chart(pd.Series([41.4], name="dagen"))


def test_month_labels_are_dutch():
    assert fmt.month("2018-03") == "mrt 2018"
    assert fmt.month("2018-10") == "okt 2018"
    with pytest.raises(ValueError, match="JJJJ-MM"):
        fmt.month("2018-13")


def test_control_chart_draws_limits_norm_and_volume():
    chart = process_control.individuals_chart(DOORLOOPTIJDEN)
    fig, axes = plots.control_chart(
        chart,
        title="Doorlooptijd",
        ylabel="dagen",
        labels=DOORLOOPTIJDEN.index.map(fmt.month),
        reference=56,
        reference_label="wettelijke termijn",
        volume=pd.Series(range(12)),
        volume_label="processen",
    )
    top, bottom = axes
    assert [t.get_text() for t in bottom.get_xticklabels()][9] == "okt 2018"
    upper = top.get_lines()[2].get_ydata()
    assert upper[0] == pytest.approx(chart["bovengrens"].iloc[0])
    assert top.get_lines()[-1].get_ydata()[0] == 56
    assert len(bottom.patches) == 12
    assert len(top.collections[0].get_offsets()) == 1  # the one signal: October
    plt.close(fig)


def test_yes_no_for_check_results():
    assert [fmt.yes_no(v) for v in (True, False, np.bool_(True), None)] == ["ja", "nee", "ja", "–"]
