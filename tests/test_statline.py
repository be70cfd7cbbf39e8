import pandas as pd
import pytest

from helpers.data import statline


def test_secret_and_empty_values_are_missing_never_zero():
    values = pd.Series(["13,2", ".", "", "  ", "0", "   461985", "x"], name="v")
    result = statline.number(values)
    assert result.tolist()[:1] == [13.2]
    assert result.isna().tolist() == [False, True, True, True, False, False, True]
    assert result[4] == 0 and result[5] == 461985


def test_text_that_is_no_number_is_an_error_naming_column_and_row():
    with pytest.raises(ValueError, match=r"'kosten'.*'12a'.*rij 1"):
        statline.number(pd.Series(["1", "12a"], name="kosten"))


def test_periods_mark_provisional_years_and_half_years():
    result = statline.periods(pd.Series(["2022*", "2021", "2022JJ00", "1e halfjaar 2019"]))
    assert result["jaar"].tolist() == [2022, 2021, 2022, 2019]
    assert result["voorlopig"].tolist() == [True, False, False, False]
    assert result["halfjaar"].isna().tolist() == [True, True, True, False]
    assert result["halfjaar"].iloc[3] == 1


def test_unknown_period_is_an_error():
    with pytest.raises(ValueError, match="niet herkend"):
        statline.periods(pd.Series(["2022MM01"], name="Perioden"))


def test_padded_text_is_stripped_and_empty_is_missing():
    result = statline.text(pd.Series(["GM0935    ", "   "]))
    assert result.iloc[0] == "GM0935" and pd.isna(result.iloc[1])
