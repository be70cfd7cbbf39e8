import pandas as pd
import pytest

from helpers import notebook


def test_require_choice_names_the_available_values():
    notebook.require_choice("jaar", 2018, [2017, 2018])
    with pytest.raises(notebook.ParameterError, match=r"jaar=2010 .*beschikbaar: 2017, 2018"):
        notebook.require_choice("jaar", 2010, [2018, 2017, 2018])


def test_save_tables_writes_csv_and_nothing_without_folder(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    assert notebook.save_tables(None, {"x": df}) == []
    written = notebook.save_tables(tmp_path / "out", {"x": df, "y": df.set_index("a")})
    assert [p.name for p in written] == ["x.csv", "y.csv"]
    assert (tmp_path / "out" / "x.csv").read_text().splitlines() == ["a,b", "1,3", "2,4"]
    assert (tmp_path / "out" / "y.csv").read_text().splitlines() == ["a,b", "1,3", "2,4"]


def test_parameters_table_shows_values_in_words_without_paths_or_output_dir():
    table = notebook.parameters_table(
        gemeente="Maastricht",
        jaar_van=2016,
        data_pad="/home/onderzoeker/data/raw/export 2023.csv",
        seed=None,
        output_dir="/tmp/tabellen",
    )
    assert table["waarde"].to_dict() == {
        "gemeente": "Maastricht",
        "jaar van": "2016",
        "data pad": "export 2023.csv",
        "seed": "geen",
    }


def test_findings_prints_one_bulleted_line_each_and_refuses_line_breaks(capsys):
    notebook.findings("Het tekort was € 8,6 mln.", " Jeugd droeg het meest bij. ")
    assert capsys.readouterr().out == "• Het tekort was € 8,6 mln.\n• Jeugd droeg het meest bij.\n"
    with pytest.raises(ValueError, match="één niet-lege regel"):
        notebook.findings("twee\nregels")
