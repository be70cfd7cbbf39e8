"""The hard stop in notebooks/kostendrijvers_jeugd.ipynb: an export with too much rejected stops
the notebook right after reading, with the rejection report, before any table is written."""

import papermill as pm
import pytest
from test_kostendrijvers_notebook import run

from helpers.microdata import synthetic

pytestmark = pytest.mark.notebook


def test_an_export_with_too_much_rejected_stops_before_the_analysis(tmp_path):
    export = synthetic.generate(scale=0.05).astype({"verwijzer": "str"})
    in_2019 = export.index[export["jaar"] == 2019]
    export.loc[in_2019[: len(in_2019) // 10], "verwijzer"] = "school"  # 10% of 2019
    path = tmp_path / "export.csv"
    export.to_csv(path, sep=";", index=False)
    with pytest.raises(pm.PapermillExecutionError) as caught:
        run(tmp_path, data_pad=str(path), gemeente="Voorbeeldgemeente")
    message = str(caught.value)
    assert "UnusableExportError" in message
    assert "export.csv: er is te veel afgewezen" in message
    assert "jaar 2019: " in message and "kolom verwijzer: onbekende verwijzer" in message
    assert not (tmp_path / "tabellen").exists()
