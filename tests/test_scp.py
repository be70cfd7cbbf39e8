"""SCP wijkdata: the real file's shape as described, clear errors for a wrong layout, and a
design matrix that holds the determinants and nothing of SCP's own results."""

import pandas as pd
import pytest

from helpers.chapters import scp_wijkmodel
from helpers.data import scp


@pytest.fixture(scope="module")
def data():
    return scp_wijkmodel.wijken()


def _sheets(changes=None):
    sheets = {
        name: pd.DataFrame([["300"] + ["1.5"] * (len(cols) - 1)], columns=list(cols))
        for name, cols in scp.SHEETS.items()
    }
    sheets["wijk"].loc[0, ["wijknaam", "gemeentecode", "gemnaam_2017"]] = ["Wijk 00", "3", "X"]
    for (sheet, column), value in (changes or {}).items():
        sheets[sheet].loc[0, column] = value
    return sheets


def test_the_published_file_has_what_scp_describes(data):
    assert len(data) == 2918
    assert data["gemeente"].nunique() == 388
    assert data["regio"].nunique() == 42
    assert data["perc_jhzv"].isna().sum() == 286  # fewer than 10 users: not published
    assert data["perc_przv"].notna().all()
    assert data[list(scp.DETERMINANTEN)].isna().any(axis=1).sum() == 1300  # stated in the notebook
    assert data.loc["93500", ["wijknaam", "gemeente"]].tolist() == ["Wijk 00 Centrum", "GM0935"]
    # residu = observed - expected, as published (3 decimals)
    diff = data["perc_jhzv"] - data["perc_przv"] - data["residu"]
    assert diff.abs().max() < 0.0015


def test_parse_turns_dots_into_missing_and_codes_into_gm_codes():
    out = scp.parse(_sheets({("determinanten", "perc_hhverd"): "."}))
    assert out.loc["300", "gemeente"] == "GM0003"
    assert pd.isna(out.loc["300", "perc_hhverd"]) and out.loc["300", "perc_sbo_g"] == 1.5


def test_parse_names_the_sheet_row_and_column_of_a_bad_value():
    with pytest.raises(scp.ScpFileError, match="determinanten.*perc_ao.*'n.v.t.'"):
        scp.parse(_sheets({("determinanten", "perc_ao"): "n.v.t."}))


def test_parse_refuses_sheets_with_other_wijken():
    with pytest.raises(scp.ScpFileError, match="'gebruik', rij 2, kolom wijk"):
        scp.parse(_sheets({("gebruik", "wijk"): "301"}))


def test_parse_refuses_a_changed_layout():
    sheets = _sheets()
    sheets["gebruik"] = sheets["gebruik"].rename(columns={"perc_przv": "verwacht"})
    with pytest.raises(scp.ScpFileError, match="kolommen"):
        scp.parse(sheets)


def test_design_holds_the_determinants_and_never_scp_results(data):
    X = scp_wijkmodel.design(data)
    assert list(X.columns) == ["constante", *scp.DETERMINANTEN]
    assert not set(X.columns) & {"perc_przv", "residu", "perc_jhzv"}
    assert X.notna().all().all() and len(X) == len(data)


def test_design_does_not_change_when_scp_results_change(data):
    changed = data.assign(perc_przv=0.0, residu=0.0)
    pd.testing.assert_frame_equal(scp_wijkmodel.design(changed), scp_wijkmodel.design(data))


def test_the_reproduction_reaches_the_correlation_target(data):
    expected = scp_wijkmodel.fitted(data)["voorspelling"]["verwacht"]
    agreement = scp_wijkmodel.agreement(expected, data)
    assert agreement["wijken"] == 2632
    assert agreement["correlatie"] >= 0.98
    assert agreement["mad"] < 0.31  # target 0,30: reached on the wijken without suppression


def test_gemeente_wijken_places_each_observed_value_against_its_interval():
    data = pd.DataFrame(
        {
            "wijknaam": ["a", "b", "c", "d"],
            "perc_jhzv": [5.0, 10.0, 20.0, None],
            "perc_przv": [10.0] * 4,
            "gemeente": ["G"] * 4,
        },
        index=["1", "2", "3", "4"],
    )
    predicted = pd.DataFrame({"verwacht": 10.0, "laag": 6.0, "hoog": 14.0}, index=data.index)
    out = scp_wijkmodel.gemeente_wijken(predicted, data, "G")
    assert out["ligging"].tolist() == ["onder", "binnen", "boven", "niet gepubliceerd"]
    assert out["verschil"].tolist()[:3] == [-5.0, 0.0, 10.0]
