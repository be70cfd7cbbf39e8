"""Reading and validating arrangement exports: one test per bad case, fixtures made on the fly."""

import numpy as np
import pandas as pd
import pytest
from exportfiles import GOOD, HEADER, assert_balanced, write_csv

from helpers.microdata.contract import CATEGORIES, VERWIJZERS
from helpers.microdata.reading import (
    CATEGORICAL_COLUMNS,
    ExportError,
    as_categories,
    contract_schema,
    passes_elfproef,
    read_export,
)


def only_problem(export):
    assert len(export.rejected) == 1, export.rejected
    return export.rejected.iloc[0]


def test_good_file_is_typed_and_complete(tmp_path):
    export = read_export(write_csv(tmp_path, GOOD))
    assert export.rows_in == 3
    assert export.rejected.empty
    assert list(export.rejected.columns) == ["bestand", "rij", "kolom", "waarde", "reden"]
    data = export.data
    assert data["jaar"].tolist() == [2018, 2019, 2018]
    assert data["jaar"].dtype == "int64" and data["leeftijd"].dtype == "int64"
    assert data["kosten"].tolist() == [1200.5, 600.0, 0.0]
    # ISO and Dutch dates give the same day; an empty einddatum means still running
    assert (
        data["begindatum"].tolist() == pd.to_datetime(["2018-03-01"] * 2 + ["2018-07-01"]).tolist()
    )
    assert data["einddatum"].isna().tolist() == [True, False, False]
    assert data["einddatum"].iloc[2] == pd.Timestamp("2018-12-31")
    contract_schema().validate(data)


def test_missing_column_raises_and_lists_the_columns_found(tmp_path):
    header = HEADER.replace("kosten", "bedrag")
    with pytest.raises(
        ExportError, match=r"export\.csv: verplichte kolom\(men\) ontbreken: kosten\..*bedrag"
    ):
        read_export(write_csv(tmp_path, GOOD, header=header))


def test_wrong_type_is_reported_with_file_row_column_and_reason(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,huisarts,p1,ZiN,tien,2018-01-01,,veel"]
    export = read_export(write_csv(tmp_path, lines))
    report = export.rejected
    assert report[["bestand", "rij", "kolom", "waarde"]].values.tolist() == [
        ["export.csv", 5, "leeftijd", "tien"],
        ["export.csv", 5, "kosten", "veel"],
    ]
    assert report["reden"].tolist()[0] == "geen geheel getal"
    assert report["reden"].tolist()[1].startswith("geen getal")
    assert len(export.data) == 3
    assert_balanced(export)


def test_non_integer_year_and_unparsable_date_are_rejected(tmp_path):
    lines = [*GOOD, "c3,2018.5,a3,ambulant,huisarts,p1,ZiN,9,2018-02-30,,10"]
    report = read_export(write_csv(tmp_path, lines)).rejected
    assert report["kolom"].tolist() == ["jaar", "begindatum"]
    assert report["reden"].tolist()[1].startswith("geen geldige datum")


def test_negative_cost_without_a_row_to_net_with_is_rejected(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,huisarts,p1,ZiN,9,2018-01-01,,-25"]
    export = read_export(write_csv(tmp_path, lines))
    problem = only_problem(export)
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (5, "kosten", "-25")
    assert problem["reden"].startswith("negatief bedrag (creditering) dat niet te verrekenen is")
    assert_balanced(export)


def test_end_before_begin_is_rejected_and_names_both_dates(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,huisarts,p1,ZiN,9,2018-05-01,30-04-2018,10"]
    export = read_export(write_csv(tmp_path, lines))
    problem = only_problem(export)
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (5, "einddatum", "30-04-2018")
    assert problem["reden"] == "einddatum ligt vóór begindatum (2018-05-01)"
    assert_balanced(export)


def test_duplicate_arrangement_year_rejects_all_copies_and_names_the_rows(tmp_path):
    lines = [*GOOD, "c1,2018,a1,verblijf,huisarts,p1,ZiN,9,2018-01-01,,10"]
    export = read_export(write_csv(tmp_path, lines))
    report = export.rejected
    assert report["rij"].tolist() == [2, 5]
    assert set(report["waarde"]) == {""}  # an identifier value is never shown
    assert set(report["kolom"]) == {"arrangement_id"}
    assert set(report["reden"]) == {
        "combinatie arrangement_id en jaar komt vaker voor (jaar 2018; rijen 2, 5)"
    }
    assert export.data["arrangement_id"].tolist() == ["a1", "a2"]
    assert_balanced(export)


def test_unknown_categorie_lists_allowed_values_and_is_not_mapped(tmp_path):
    lines = [*GOOD, "c3,2018,a3,Ambulant,huisarts,p1,ZiN,9,2018-01-01,,10"]
    export = read_export(write_csv(tmp_path, lines))
    problem = only_problem(export)
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (5, "categorie", "Ambulant")
    assert problem["reden"] == "onbekende categorie; toegestaan: " + ", ".join(CATEGORIES)
    assert_balanced(export)


def test_unknown_verwijzer_is_rejected(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,school,p1,ZiN,9,2018-01-01,,10"]
    problem = only_problem(read_export(write_csv(tmp_path, lines)))
    assert (problem["kolom"], problem["waarde"]) == ("verwijzer", "school")
    assert problem["reden"] == "onbekende verwijzer; toegestaan: " + ", ".join(VERWIJZERS)


def test_lower_case_zorgvorm_is_rejected_not_mapped(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,huisarts,p1,pgb,9,2018-01-01,,10"]
    problem = only_problem(read_export(write_csv(tmp_path, lines)))
    assert (problem["kolom"], problem["waarde"]) == ("zorgvorm", "pgb")
    assert problem["reden"] == "onbekende zorgvorm; toegestaan: ZiN, PGB"


def test_optional_columns_negative_units_and_empty_values(tmp_path):
    lines = [line + ",,4" for line in GOOD] + [
        "c3,2018,a3,ambulant,huisarts,p1,ZiN,9,2018-01-01,,10,Centrum,-2"
    ]
    export = read_export(write_csv(tmp_path, lines, header=HEADER + ",wijk,eenheden"))
    problem = only_problem(export)
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (5, "eenheden", "-2")
    assert export.data["eenheden"].tolist() == [4.0, 4.0, 4.0]
    assert export.data["wijk"].isna().all()
    assert_balanced(export)


def test_missing_required_value_and_empty_row(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,huisarts,,ZiN,9,2018-01-01,,10", ",,,,,,,,,,"]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected[["rij", "kolom", "reden"]].values.tolist() == [
        [5, "aanbieder", "verplichte waarde ontbreekt"],
        [6, "", "lege rij"],
    ]
    assert export.rows_in == 5
    assert_balanced(export)


def test_whitespace_is_stripped(tmp_path):
    lines = [" c1 , 2018 , a1 , ambulant , huisarts , p1 , ZiN , 10 , 2018-03-01 , , 12 "]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected.empty
    assert export.data.loc[0, ["client_id", "categorie", "kosten"]].tolist() == [
        "c1",
        "ambulant",
        12.0,
    ]


def test_semicolon_separated_latin1_with_decimal_comma(tmp_path):
    lines = [
        "c1;2018;a1;ambulant;huisarts;Zorg & Co Ä;ZiN;10;2018-03-01;;1200,50",
        "c2;2018;a2;ambulant;huisarts;p1;ZiN;10;2018-03-01;;duur",
    ]
    path = write_csv(tmp_path, lines, header=HEADER.replace(",", ";"), encoding="latin-1")
    export = read_export(path)
    assert export.data["aanbieder"].tolist() == ["Zorg & Co Ä"]
    assert export.data["kosten"].tolist() == [1200.5]
    assert export.rejected[["rij", "kolom", "waarde"]].values.tolist() == [[3, "kosten", "duur"]]
    assert_balanced(export)


def test_empty_file_raises(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text("")
    with pytest.raises(ExportError, match=r"leeg\.csv: het bestand is leeg"):
        read_export(path)


def test_header_without_rows_raises(tmp_path):
    with pytest.raises(ExportError, match="bevat geen gegevensrijen"):
        read_export(write_csv(tmp_path, []))


def test_bsn_named_column_raises(tmp_path):
    lines = [line + ",123456782" for line in GOOD]
    with pytest.raises(ExportError, match="kolom 'BSN' lijkt naar haar naam burgerservicenummers"):
        read_export(write_csv(tmp_path, lines, header=HEADER + ",BSN"))


def test_bsn_values_in_client_id_raise(tmp_path):
    # 111222333 and 123456782 pass the elfproef: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-3 = 66 = 6*11
    lines = [
        "111222333,2018,a1,ambulant,huisarts,p1,ZiN,10,2018-03-01,,10",
        "123456782,2018,a2,ambulant,huisarts,p1,ZiN,10,2018-03-01,,10",
    ]
    with pytest.raises(ExportError, match="kolom 'client_id'.*elfproef"):
        read_export(write_csv(tmp_path, lines))


def test_elfproef():
    values = pd.Series(["111222333", "123456782", "123456789", "12345678", "abc", "000000000"])
    assert passes_elfproef(values).tolist() == [True, True, False, False, False, False]


def test_random_nine_digit_pseudonyms_are_accepted(tmp_path):
    # About 1 in 11 random 9-digit numbers pass the elfproef by chance: far below the 20% limit.
    ids = np.random.default_rng(1).integers(100_000_000, 999_999_999, size=300)
    assert 0.05 < passes_elfproef(pd.Series(ids.astype(str))).mean() < 0.13
    lines = [
        f"{pid},2018,a{i},ambulant,huisarts,p1,ZiN,10,2018-03-01,,10" for i, pid in enumerate(ids)
    ]
    export = read_export(write_csv(tmp_path, lines))
    assert len(export.data) == 300


def test_raise_mode_names_file_row_column_and_reason(tmp_path):
    lines = [*GOOD, "c3,2018,a3,ambulant,huisarts,p1,ZiN,9,2018-01-01,,-25"]
    with pytest.raises(ExportError) as caught:
        read_export(write_csv(tmp_path, lines), on_error="raise")
    message = str(caught.value)
    assert message.startswith("export.csv, rij 5 (kopregel is rij 1), kolom 'kosten': negatief")
    assert "waarde '-25'" in message


def test_parquet_round_trip(tmp_path):
    source = read_export(write_csv(tmp_path, GOOD)).data
    bad = source.iloc[[0]].assign(arrangement_id="a9", kosten=-1.0)
    path = tmp_path / "export.parquet"
    pd.concat([source, bad], ignore_index=True).to_parquet(path)
    export = read_export(path)
    pd.testing.assert_frame_equal(export.data, source)
    problem = only_problem(export)
    assert (problem["bestand"], problem["rij"], problem["kolom"]) == ("export.parquet", 5, "kosten")
    assert_balanced(export)


def test_parquet_row_numbers_are_positions_not_the_stored_index(tmp_path):
    source = read_export(write_csv(tmp_path, GOOD)).data
    path = tmp_path / "export.parquet"
    source.assign(kosten=[1.0, -1.0, 2.0]).iloc[[1, 2]].to_parquet(path)
    problem = only_problem(read_export(path))
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (2, "kosten", "-1.0")


def test_parquet_named_index_is_read_as_a_column(tmp_path):
    source = read_export(write_csv(tmp_path, GOOD)).data
    path = tmp_path / "export.parquet"
    source.set_index("client_id").to_parquet(path)
    assert read_export(path).data["client_id"].tolist() == ["c1", "c1", "c2"]


def test_excel_round_trip(tmp_path):
    source = read_export(write_csv(tmp_path, GOOD)).data
    bad = source.iloc[[0]].assign(arrangement_id="a9", categorie="onbekend")
    path = tmp_path / "export.xlsx"
    pd.concat([source, bad], ignore_index=True).to_excel(path, index=False)
    export = read_export(path)
    pd.testing.assert_frame_equal(export.data, source)
    problem = only_problem(export)
    assert (problem["bestand"], problem["rij"], problem["kolom"], problem["waarde"]) == (
        "export.xlsx",
        5,
        "categorie",
        "onbekend",
    )
    assert_balanced(export)


def test_extra_columns_are_listed_not_loaded(tmp_path):
    lines = [line + ",x" for line in GOOD]
    export = read_export(write_csv(tmp_path, lines, header=HEADER + ",opmerking"))
    assert export.ignored_columns == ("opmerking",)
    assert "opmerking" not in export.data.columns


def test_unknown_on_error_value_is_refused(tmp_path):
    with pytest.raises(ValueError, match="on_error"):
        read_export(write_csv(tmp_path, GOOD), on_error="ignore")


def test_ids_and_codes_are_categoricals_codes_with_their_contract_list(tmp_path):
    data = read_export(write_csv(tmp_path, GOOD, header=HEADER + ",wijk")).data
    assert all(isinstance(data[c].dtype, pd.CategoricalDtype) for c in CATEGORICAL_COLUMNS)
    assert data["client_id"].tolist() == ["c1", "c1", "c2"]
    assert data["client_id"].cat.categories.tolist() == ["c1", "c2"]
    # All contract categories, also those that do not occur, in contract order.
    assert data["categorie"].cat.categories.tolist() == list(CATEGORIES)
    assert data["verwijzer"].cat.categories.tolist() == list(VERWIJZERS)
    assert data["zorgvorm"].cat.categories.tolist() == ["ZiN", "PGB"]
    assert data["wijk"].isna().all()


def test_rejected_codes_keep_their_raw_value_in_the_report(tmp_path):
    lines = [*GOOD, "c3,2018,a3,Ambulant,huisarts,p1,ZiN,9,2018-01-01,,10"]
    export = read_export(write_csv(tmp_path, lines))
    problem = only_problem(export)
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (5, "categorie", "Ambulant")
    assert export.data["client_id"].tolist() == ["c1", "c1", "c2"]
    assert_balanced(export)


def test_as_categories_refuses_a_code_outside_the_contract_instead_of_losing_it():
    frame = pd.DataFrame({"categorie": ["ambulant", "Verblijf"], "client_id": ["c1", "c2"]})
    with pytest.raises(ValueError, match=r"'categorie'.*\['Verblijf'\]"):
        as_categories(frame)
    converted = as_categories(frame.iloc[[0]])
    assert converted["categorie"].cat.categories.tolist() == list(CATEGORIES)
    assert converted["client_id"].tolist() == ["c1"]
