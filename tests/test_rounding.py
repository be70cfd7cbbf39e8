import pandas as pd
import pytest

from helpers.methods import rounding


def test_interval_of_a_rounded_percentage():
    assert rounding.interval(17) == (16.5, 17.5)
    assert rounding.interval(1.6, 1) == pytest.approx((1.55, 1.65))


def test_implied_base_of_20469_clients_at_17_percent():
    low, high = rounding.implied_base(20469, 17)
    assert low == pytest.approx(20469 / 0.175)
    assert high == pytest.approx(20469 / 0.165)
    assert 116_965 < low < 116_966 and 124_054 < high < 124_055


def test_implied_population_only_for_years_with_both_figures():
    data = pd.DataFrame(
        {
            "grootheid": ["cliënten", "aandeel", "aandeel"],
            "jaar": [2018, 2018, 2017],
            "waarde": [20469.0, 17.0, 16.0],
        }
    )
    out = rounding.implied_population(data, count="cliënten", pct="aandeel")
    assert out.index.tolist() == [2018]
    assert out.loc[2018, "basis_min"] == pytest.approx(20469 / 0.175)
    assert out.loc[2018, "basis_max"] == pytest.approx(20469 / 0.165)


# The rule: a figure printed with d decimals holds for the closed interval [p − ½·10⁻ᵈ, p + ½·10⁻ᵈ].


@pytest.mark.parametrize(
    ("value", "printed", "decimals", "holds"),
    [
        (2.35, 2.3, 1, True),  # exactly +½ unit: rounds to 2,3 half-to-even (and 2,4 half-up)
        (2.25, 2.3, 1, True),  # exactly −½ unit: rounds to 2,3 half-up
        (2.35, 2.4, 1, True),  # the same end point also holds against the next figure
        (2.3501, 2.3, 1, False),
        (2.2499, 2.3, 1, False),
        (-2.35, -2.3, 1, True),  # negative figures: both ends too (half away from zero: −2,4)
        (-2.25, -2.3, 1, True),
        (-2.3501, -2.3, 1, False),
        (-2.2499, -2.3, 1, False),
        (12.5, 12, 0, True),
        (12.5, 13, 0, True),
        (11.5, 12, 0, True),
        (100 * 18 / 277, 6, 0, True),  # 6,498% is 'afgerond 6%'
        (100 * 15 / 77, 19, 0, True),
        (100 * 16.306 / 100, 13, 0, False),
        (3.895, 3.90, 2, True),  # 3,90% printed with two decimals
        (3.9051, 3.90, 2, False),
        (0.05, 0.0, 1, True),
        (-0.05, 0.0, 1, True),
    ],
)
def test_rounds_to_accepts_both_ends_of_the_half_unit_and_nothing_beyond(
    value, printed, decimals, holds
):
    assert rounding.rounds_to(value, printed, decimals) is holds


def test_rounds_to_works_row_by_row_and_treats_missing_as_not_holding():
    values = pd.Series([80.462, 80.55, float("nan"), 4.0])
    printed = pd.Series([80.5, 80.5, 80.5, 4.0])
    decimals = pd.Series([1, 1, 1, 0])
    assert rounding.rounds_to(values, printed, decimals).tolist() == [True, True, False, True]


def test_rounds_to_without_decimals_is_exact():
    assert rounding.rounds_to(347, 347, None)
    assert not rounding.rounds_to(348, 347, None)


def test_half_unit_and_interval_for_negative_figures():
    assert rounding.half_unit(0) == 0.5
    assert rounding.half_unit(2) == pytest.approx(0.005)
    assert rounding.interval(-0.3, 1) == pytest.approx((-0.35, -0.25))


@pytest.mark.parametrize(
    ("text", "decimals"),
    [
        ("3,90%", 2),
        ("€ 2,0 mln", 1),
        ("2,0", 1),
        ("1.002", 0),  # a point separates thousands in Dutch
        ("11.471.974", 0),
        ("1234,5", 1),
        ("−0,3", 1),
        ("ruim 5%", 0),
        ("0,5 procentpunt", 1),
    ],
)
def test_decimals_of_reads_the_printed_precision_from_dutch_text(text, decimals):
    assert rounding.decimals_of(text) == decimals


def test_decimals_of_without_a_number_says_so():
    with pytest.raises(ValueError, match="geen getal"):
        rounding.decimals_of("–")
