"""fmt.mln, fmt.signed_mln and fmt.fraction: amounts in euros shown as € mln, fractions as %."""

import pandas as pd

from helpers.display import fmt


def test_mln_and_signed_mln_show_euros_in_millions():
    assert fmt.mln(34_200_000) == "34,2"
    assert fmt.signed_mln(5_652_699) == "+5,7"
    assert fmt.signed_mln(-2_717) == fmt.signed_mln(2_717) == "0,0"
    assert fmt.signed_mln(-1_250_000, 2) == "−1,25"
    assert fmt.mln(pd.NA) == fmt.signed_mln(float("nan")) == fmt.MISSING


def test_fraction_as_percentage():
    assert fmt.fraction(0.13887) == "13,9%"
    assert fmt.fraction(1) == "100,0%"
    assert fmt.fraction(None) == fmt.MISSING
