import pandas as pd
import pytest

from helpers.methods import deficit


def test_shares_sum_to_100_with_rest_and_surplus_years_are_undefined():
    saldo = pd.DataFrame(
        {2016: [-10.0, -6.0, 1.0], 2017: [2.0, -1.0, -1.0]},
        index=["Totaal", "Jeugd", "Wmo"],
    )
    out = deficit.shares(saldo, "Totaal")
    assert out.loc["Jeugd", 2016] == pytest.approx(60.0)
    assert out.loc["Wmo", 2016] == pytest.approx(-10.0)  # a surplus reduces the deficit
    assert out.loc[deficit.REST, 2016] == pytest.approx(50.0)  # -10 - (-6 + 1) = -5
    assert out[2016].sum() == pytest.approx(100.0)
    assert out[2017].isna().all()


def test_missing_total_row_is_named():
    with pytest.raises(KeyError, match="Sociaal domein"):
        deficit.shares(pd.DataFrame({2016: [-1.0]}, index=["Jeugd"]), "Sociaal domein")
