"""helpers.data.jeugd_series: the published Maastricht jeugd series aligned per year."""

import numpy as np
import pandas as pd
import pytest

from helpers.data import jeugd_series

ZIN = pd.DataFrame({"jaar": [2015, 2016], "waarde": [2036.0, 2368.0]})


KERN = pd.DataFrame(
    {
        "grootheid": ["jeugdigen met jeugdhulp", "groei jeugdigen met jeugdhulp", "inzet"],
        "jaar": [2018, 2018, 2018],
        "waarde": [2865.0, 1.6, 1.6],
    }
)


def test_published_clients_keep_printed_counts_and_derive_the_year_before():
    clients = jeugd_series.published_clients(ZIN, KERN)
    assert clients.index.to_list() == [2015, 2016, 2017, 2018]
    assert clients.loc[[2015, 2016, 2018], "clienten"].to_list() == [2036.0, 2368.0, 2865.0]
    # 2865 / 1,016 = 2819,88…
    assert clients.loc[2017, "clienten"] == pytest.approx(2819.8819, abs=1e-4)
    assert clients.loc[2016, "definitie"].startswith("ZiN-cliënten")
    assert "afgeleid" in clients.loc[2017, "definitie"]


def test_published_view_names_missing_years_and_never_fills_them():
    clients = jeugd_series.published_clients(ZIN, KERN)
    realisatie = pd.Series({2016: 34.6, 2017: 35.0, 2018: 33.8, 2019: 41.4})
    view = jeugd_series.published_view(realisatie, clients)
    assert view.index.to_list() == [2015, 2016, 2017, 2018, 2019]
    assert view.loc[2019, "ontbreekt"] == "geen cliëntaantal gepubliceerd"
    assert np.isnan(view.loc[2019, "clienten"])
    assert np.isnan(view.loc[2019, "kosten_per_client"])
    assert view.loc[2015, "ontbreekt"] == "geen realisatie gepubliceerd"
    # 34,6 mln / 2.368 = € 14.611,49
    assert view.loc[2016, "kosten_per_client"] == pytest.approx(14611.4865, abs=1e-4)
    clients_both, cost_both = jeugd_series.complete_years(view)
    assert clients_both.index.to_list() == cost_both.index.to_list() == [2016, 2017, 2018]
    assert cost_both[2018] == pytest.approx(33.8e6)
