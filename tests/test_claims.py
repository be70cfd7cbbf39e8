import pandas as pd
import pytest

from helpers.data import claims


def _claims(rows):
    return pd.DataFrame(rows, columns=["bewering", "berekend", "gedrukt", "decimalen", "relatie"])


def test_check_equal_uses_the_rounding_interval_of_the_printed_figure():
    out = claims.check(
        _claims(
            [
                ("groei", 16.306, 13, 0, "gelijk"),
                ("totaal", 80.462, 80.5, 1, "gelijk"),
                ("randgeval", 80.55, 80.5, 1, "gelijk"),
                ("net buiten", 80.5501, 80.5, 1, "gelijk"),
            ]
        )
    )
    # 80,55 can be rounded to 80,5 (half to even), so it holds: the interval is closed.
    assert out["klopt"].tolist() == [False, True, True, False]
    assert out["verschil"].tolist() == pytest.approx([3.306, -0.038, 0.05, 0.0501])


def test_check_more_and_less_are_strict():
    out = claims.check(
        _claims(
            [
                ("open einde", 94.3, 90, 0, "meer dan"),
                ("precies", 90.0, 90, 0, "meer dan"),
                ("minder", 5.0, 3, 0, "minder dan"),
            ]
        )
    )
    assert out["klopt"].tolist() == [True, False, False]


def test_check_names_row_and_column_of_an_unknown_relation():
    with pytest.raises(ValueError, match="rij 0, kolom relatie: 'ongeveer'"):
        claims.check(_claims([("x", 1.0, 1.0, 0, "ongeveer")]))


def test_check_names_missing_columns():
    with pytest.raises(KeyError, match="relatie"):
        claims.check(
            pd.DataFrame({"bewering": ["x"], "berekend": [1.0], "gedrukt": [1.0], "decimalen": [0]})
        )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (11471947, 11471974, True),
        (12, 21, True),
        (123, 321, False),  # not adjacent
        (11471947, 11471947, False),
        (100, 1000, False),
        (1234, 1354, False),  # two adjacent positions differ, but not swapped
    ],
)
def test_transposed_digits(a, b, expected):
    assert claims.transposed_digits(a, b) is expected
