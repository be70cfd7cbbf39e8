"""Dutch sentences generated from numbers, so that what a page concludes follows from the figures
shown, for every parameter value. Methods return numbers; the wording lives here."""

from collections.abc import Mapping

import pandas as pd

from helpers.display import fmt


def trend(result: Mapping) -> str:
    """What a fitted linear trend (``methods.trend.linear_trend``) supports, from its interval
    and p-value: no conclusion when the interval includes 0."""
    level = fmt.percent(100 * (1 - result["alpha"]), 0)
    interval = f"{fmt.signed(result['ci_laag'])} tot {fmt.signed(result['ci_hoog'])} per jaar"
    p_text = f"p = {fmt.number(result['p_waarde'], 2)}"
    if result["ci_laag"] <= 0 <= result["ci_hoog"]:
        return (
            f"Geen conclusie mogelijk: het {level}-interval van de helling ({interval}) "
            f"omvat 0 ({p_text}). Met {int(result['n'])} jaarcijfers is deze reeks niet te "
            "onderscheiden van een reeks zonder trend."
        )
    direction = "stijgend" if result["helling"] > 0 else "dalend"
    return (
        f"Trend {direction}: {fmt.signed(result['helling'])} per jaar, {level}-interval "
        f"{interval} ({p_text}). Met {int(result['n'])} jaarcijfers blijft de omvang onzeker."
    )


def trends(table: pd.DataFrame) -> str:
    """One paragraph per row of ``methods.trend.trends``: '<name>: <conclusion>'."""
    return "\n\n".join(f"{name}: {trend(row)}" for name, row in table.iterrows())
