import math

import pandas as pd
import pytest

from helpers.display import fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (0.05, 1, "0,1"),
        (-8.6, 1, "−8,6"),
        (2865, 0, "2.865"),
    ],
)
def test_number_uses_dutch_separators(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_euro_mln_percent_euro():
    assert fmt.euro_mln(34.2) == "€ 34,2 mln"
    assert fmt.percent(14.4) == "14,4%"
    assert fmt.euro(12345.4) == "€ 12.345"
    assert fmt.signed(2.3) == "+2,3"
    assert fmt.signed(-1.4) == "−1,4"
    assert fmt.signed(0.0) == "0,0"


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA])
def test_missing_values_show_a_dash(missing):
    assert fmt.number(missing) == fmt.MISSING
    assert fmt.euro_mln(missing) == fmt.MISSING


def test_table_formats_only_the_named_columns():
    df = pd.DataFrame({"pijler": ["Jeugd"], "lasten": [34.2], "aandeel": [18.8]})
    out = fmt.table(df, {"lasten": fmt.euro_mln, "aandeel": fmt.percent})
    assert out.iloc[0].tolist() == ["Jeugd", "€ 34,2 mln", "18,8%"]
    assert df["lasten"].iloc[0] == 34.2


def test_axis_formatter():
    assert fmt.axis_formatter(fmt.euro_mln)(12.5, 0) == "€ 12,5 mln"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (16.0, "%", "16%"),
        (1.6, "%", "1,6%"),
        (20469.0, "aantal", "20.469"),
        (1.7, "gemiddeld aantal", "1,7 gemiddeld aantal"),
        (34.2, "€ mln", "€ 34,2 mln"),
        (-3.5, "€ mln", "€ −3,5 mln"),
        (0.125, "€ mln", "€ 0,125 mln"),
    ],
)
def test_as_printed_keeps_the_printed_decimals(value, unit, expected):
    assert fmt.as_printed(value, unit) == expected


def test_negative_zero_is_shown_as_zero():
    assert fmt.number(-1e-15, 1) == "0,0"
    assert fmt.percent(-0.04) == "0,0%"


def test_printed_percent():
    assert fmt.printed_percent(17.0) == "17%"
    assert fmt.printed_percent(14.4) == "14,4%"


def test_one_in_n_reads_as_printed():
    assert fmt.one_in(6) == "1 op de 6"
    assert fmt.as_printed(8.0, "1 op de N") == "1 op de 8"
    assert fmt.one_in(None) == fmt.MISSING


def test_quarter_label():
    out = fmt.quarter_label(pd.Series([2017, 2018]), pd.Series([1, 4]))
    assert out.tolist() == ["2017 K1", "2018 K4"]


def test_words_turns_a_check_id_into_words():
    assert fmt.words("totaal_is_som_pijlers") == "totaal is som pijlers"
    assert fmt.words(None) == fmt.MISSING


def test_axis_ticks_next_to_zero_show_without_spurious_decimals():
    assert fmt.printed_percent(-1e-17) == "0%"
    assert fmt.printed_percent(5.000000000000001) == "5%"
    assert fmt.printed_percent(3.9) == "3,9%"
