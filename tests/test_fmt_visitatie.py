"""fmt functions added for the visitation notebooks."""

import math

from helpers.display import fmt


def test_two_decimals():
    assert fmt.two_decimals(0.2913) == "0,29"
    assert fmt.two_decimals(-0.004) == "0,00"


def test_printed_keeps_the_printed_decimals_without_unit():
    assert fmt.printed(2.3) == "2,3"
    assert fmt.printed(607.0) == "607"
    assert fmt.printed(118_636.0) == "118.636"
    assert fmt.printed(math.nan) == fmt.MISSING
