"""Gemeente model chapter: euros by hand, generated sentences follow the numbers, parameter stops."""

import pandas as pd
import pytest

from helpers.chapters import gemeentemodel, scp_wijkmodel
from helpers.notebook import ParameterError

COST = {"jongeren": 10000.0, "per_jeugdige": 5000.0, "zorgkosten_mln": 10.0, "jeugdigen": 2000.0}


def test_gap_in_euros_by_hand():
    gap = gemeentemodel.gap_in_euros(17.0, 15.0, 16.5, COST)
    assert gap["jongeren_verschil"] == pytest.approx(200.0)  # 2 pp of 10.000
    assert gap["euro_verschil"] == pytest.approx(1_000_000.0)
    assert gap["jongeren_buiten_interval"] == pytest.approx(50.0)  # 0,5 pp above the bound
    below = gemeentemodel.gap_in_euros(14.0, 15.0, 16.5, COST)
    assert below["euro_verschil"] == pytest.approx(-500_000.0)
    assert below["euro_buiten_interval"] == 0.0


def test_cost_per_jeugdige_from_the_published_monitor():
    cost = gemeentemodel.cost_per_jeugdige()
    assert cost["zorgkosten_mln"] == pytest.approx(26.5 + 0.7)  # arrangementen ZiN + PGB 2018
    assert cost["jeugdigen"] == 2865 and cost["jongeren"] == 15541
    assert cost["per_jeugdige"] == pytest.approx(27.2e6 / 2865)


@pytest.mark.parametrize(
    ("werkelijk", "position"), [(17.0, "binnen"), (25.0, "boven"), (5.0, "onder")]
)
def test_gemeente_text_places_the_observed_value(werkelijk, position):
    row = pd.Series({"werkelijk": werkelijk, "verwacht": 15.0, "pi_laag": 11.0, "pi_hoog": 20.0})
    text = gemeentemodel.gemeente_text("X", row)
    assert f"ligt {position} dat interval" in text
    assert "goed of slecht beleid" in text


def test_errors_text_says_whether_the_model_beats_the_baselines():
    errs = pd.DataFrame({"mae": [1.5, 2.0, 1.9]}, index=list(gemeentemodel.METHODS.values()))
    assert "verklaren dus een deel" in gemeentemodel.errors_text(errs, 0.95, 300)
    errs["mae"] = [2.0, 2.0, 1.9]
    assert "niet beter" in gemeentemodel.errors_text(errs, 0.95, 300)


def test_euro_section_only_for_maastricht():
    row = pd.Series({"werkelijk": 17.0, "verwacht": 16.0, "pi_laag": 12.0, "pi_hoog": 21.0})
    assert "geen kosten per jeugdige" in gemeentemodel.euro_section("GM0917", "Heerlen", row)
    assert "Bron: Monitor" in gemeentemodel.euro_section("GM0935", "Maastricht", row)


def test_unknown_gemeente_stops_with_a_parameter_error():
    with pytest.raises(ParameterError, match="Atlantis"):
        gemeentemodel.gemeente_code("Atlantis", 2022)
    assert gemeentemodel.gemeente_code("maastricht", 2022) == "GM0935"


def test_a_gemeente_left_out_of_the_model_stops_with_the_reason():
    data = {
        "left_out": pd.DataFrame({"naam": ["X"], "reden": ["kenmerk ontbreekt"]}, index=["GM1"])
    }
    with pytest.raises(ParameterError, match="kenmerk ontbreekt"):
        gemeentemodel.require_modelled("GM1", "X", data)


@pytest.mark.parametrize(
    ("mad", "phrase"), [(0.25, "binnen het doel"), (0.301, "net boven"), (0.5, "boven het doel")]
)
def test_agreement_text_follows_the_numbers(mad, phrase):
    result = {"correlatie": 0.986, "mad": mad, "wijken": 2632}
    assert phrase in scp_wijkmodel.agreement_text(result)


def test_gemeente_section_for_a_gemeente_that_did_not_exist_in_2017():
    text = scp_wijkmodel.gemeente_section({}, pd.DataFrame(), "Land van Cuijk")
    assert "bestond in 2017 nog niet" in text
