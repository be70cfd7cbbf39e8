import numpy as np
import pandas as pd
import pytest

from helpers.display import conclusions
from helpers.methods import trend


def test_exact_line_has_its_slope_and_a_zero_width_interval():
    values = pd.Series([10.0, 12.0, 14.0, 16.0], index=[2016, 2017, 2018, 2019])
    result = trend.linear_trend(values)
    assert result["helling"] == pytest.approx(2.0)
    assert result["ci_laag"] == pytest.approx(2.0)
    assert result["ci_hoog"] == pytest.approx(2.0)
    assert result["r2"] == pytest.approx(1.0)
    assert result["helling_pct_gemiddelde"] == pytest.approx(100 * 2 / 13)
    assert conclusions.trend(result).startswith("Trend stijgend: +2,0 per jaar")


def test_four_points_known_answer():
    # y = 1, 3, 2, 4 on x = 0..3: slope = Sxy/Sxx = 4/5 = 0.8, intercept 1.3;
    # residuals -0.3, 0.9, -0.9, 0.3 -> SSE = 1.8; se = sqrt(1.8/2/5); t(0.975, 2) = 4.302653
    values = pd.Series([1.0, 3.0, 2.0, 4.0], index=[0, 1, 2, 3])
    result = trend.linear_trend(values)
    assert result["helling"] == pytest.approx(0.8)
    assert result["ci_laag"] == pytest.approx(0.8 - 4.302653 * np.sqrt(0.18), abs=1e-5)
    assert result["ci_hoog"] == pytest.approx(0.8 + 4.302653 * np.sqrt(0.18), abs=1e-5)
    assert result["p_waarde"] > 0.05
    text = conclusions.trend(result)
    assert text.startswith("Geen conclusie mogelijk")
    assert "−1,0 tot +2,6 per jaar" in text
    assert "Met 4 jaarcijfers" in text


def test_falling_series_is_called_falling():
    values = pd.Series([20.0, 17.9, 16.1, 14.0], index=[2016, 2017, 2018, 2019])
    assert conclusions.trend(trend.linear_trend(values)).startswith("Trend dalend")


def test_too_short_series_is_an_error_naming_the_series():
    with pytest.raises(ValueError, match="Reeks 'Jeugdhulp' heeft 2 waarden"):
        trend.linear_trend(pd.Series([1.0, 2.0], index=[2018, 2019], name="Jeugdhulp"))


def test_trends_per_group_and_fitted_band_contains_the_line():
    data = pd.DataFrame(
        {
            "domein": ["A"] * 4 + ["B"] * 4,
            "jaar": [2016, 2017, 2018, 2019] * 2,
            "waarde": [1.0, 3.0, 2.0, 4.0, 5.0, 6.0, 5.0, 6.0],
        }
    )
    table = trend.trends(data, "domein")
    assert list(table.index) == ["A", "B"]
    assert table.loc["B", "helling"] == pytest.approx(0.2)
    text = conclusions.trends(table)
    assert text.startswith("A: Geen conclusie mogelijk") and "\n\nB: " in text
    assert "Met 4 jaarcijfers" in text  # the count, not 4.0, from a row of floats
    fitted = trend.fitted(data, "domein")
    a = fitted[fitted["domein"] == "A"]
    assert a["trend"].tolist() == pytest.approx([1.3, 2.1, 2.9, 3.7])
    assert (a["band_laag"] < a["trend"]).all() and (a["trend"] < a["band_hoog"]).all()
    assert len(fitted) == len(data)
