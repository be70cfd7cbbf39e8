"""helpers.display.effects: the decomposition as reader tables."""

import pandas as pd
import pytest

from helpers.display import effects


def test_group_effects_adds_the_row_total_and_sorts():
    table = pd.DataFrame({"volume": [1.0, 5.0], "mix": [-3.0, 1.0]}, index=["a", "b"])
    out = effects.group_effects(table)
    assert out.index.to_list() == ["b", "a"]
    assert out["totaal"].to_list() == [6.0, -2.0]


def test_cross_check_difference_and_share_of_total():
    lmdi = pd.Series({"volume": 3.0, "mix": 1.0, "totaal": 4.0})
    shapley = pd.Series({"volume": 2.0, "mix": 2.0, "totaal": 4.0})
    table = effects.cross_check(lmdi, shapley)
    assert table["verschil"].to_list() == [1.0, -1.0, 0.0]
    assert table["verschil_pct"].to_list() == [25.0, -25.0, 0.0]


def test_multiplicative_table_product_is_the_total_factor():
    table = effects.multiplicative_table(pd.Series({"volume": 1.1, "prijs": 1.2}))
    assert table.loc["totaal", "factor"] == pytest.approx(1.32)
    assert table["verandering_pct"].to_list() == pytest.approx([10.0, 20.0, 32.0])


def test_calibration_display_keeps_small_figures_readable():
    report = pd.DataFrame(
        {
            "grootheid": ["jeugdigen", "inzet"],
            "jaar": [2018, 2018],
            "doel": [2865.0, 1.6],
            "herkomst": ["gepubliceerd", "afgeleid"],
            "synthetisch": [2865.0, 1.6004],
            "afwijking_pct": [0.0, 0.025],
        }
    )
    shown = effects.calibration_display(report)
    assert shown.loc[("jeugdigen", 2018)].to_list() == ["2.865", "gepubliceerd", "2.865", "0,00%"]
    assert shown.loc[("inzet", 2018)].to_list() == ["1,60", "afgeleid", "1,60", "0,03%"]
