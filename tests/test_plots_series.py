import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from helpers.display import plots  # noqa: E402


def test_series_by_year_draws_one_line_per_series_on_a_year_axis():
    data = pd.DataFrame(
        {
            "jaar": [2014, 2015, 2016, 2019],
            "waarde": [16.0, 16.5, 16.1, 11.3],
            "definitie": ["memo", "memo", "memo", "plan"],
        }
    )
    fig, ax = plots.series_by_year(data, "jaar", "waarde", "definitie", title="t", ylabel="%")
    xs = sorted(tuple(line.get_xdata()) for line in ax.get_lines() if len(line.get_xdata()))
    assert (2014, 2015, 2016) in xs  # memo joined within its own definition
    assert (2019,) in xs  # plan alone, not joined to 2016
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2014", "2015", "2016", "2019"]
    plt.close(fig)
