"""Reading real exports: Dutch numbers and dates, headers, renamed files and stray quotes.
Every file is generated in tmp_path; rows in = used + rejected holds for every export read."""

import zipfile

import pandas as pd
import pytest
from exportfiles import GOOD, HEADER, assert_balanced, row, write_csv

from helpers.microdata.reading import ExportError, read_export

SEMI = HEADER.replace(",", ";")


def semi_rows(costs, **fields):
    return [
        row(arrangement=f"a{i}", kosten=k, sep=";", **fields) for i, k in enumerate(costs, start=1)
    ]


# --- numbers ------------------------------------------------------------------------------------


def test_dutch_amounts_with_thousands_dots_and_decimal_commas(tmp_path):
    lines = semi_rows(["1.234,56", "12.345", "950", "€ 2.000,5", "1.234.567,00"])
    export = read_export(write_csv(tmp_path, lines, header=SEMI))
    assert export.data["kosten"].tolist() == [1234.56, 12345.0, 950.0, 2000.5, 1234567.0]
    assert export.rejected.empty
    assert_balanced(export)


def test_whole_euros_with_a_thousands_dot_in_a_semicolon_file_are_thousands(tmp_path):
    # Nothing in the column decides; a ;-separated file is written with Dutch settings.
    export = read_export(write_csv(tmp_path, semi_rows(["12.345", "7.500", "800"]), header=SEMI))
    assert export.data["kosten"].tolist() == [12345.0, 7500.0, 800.0]
    assert_balanced(export)


def test_the_whole_column_decides_not_the_cell(tmp_path):
    # 12.5 can only be English, so 12.345 in the same column is twelve point three four five,
    # even in a ;-separated file; the other number column is decided on its own.
    lines = semi_rows(["12.345", "12.5"])
    header = SEMI + ";eenheden"
    lines = [lines[0] + ";1.200", lines[1] + ";3"]
    export = read_export(write_csv(tmp_path, lines, header=header))
    assert export.data["kosten"].tolist() == [12.345, 12.5]
    assert export.data["eenheden"].tolist() == [1200.0, 3.0]


def test_ambiguous_column_in_a_comma_file_is_refused_with_how_to_fix_it(tmp_path):
    lines = [row(arrangement=f"a{i}", kosten=k) for i, k in enumerate(["12.345", "7.500"])]
    with pytest.raises(ExportError) as caught:
        read_export(write_csv(tmp_path, lines))
    message = str(caught.value)
    assert message.startswith("export.csv: kolom 'kosten': een waarde als '12.345'")
    assert "12345" in message and "12.345" in message
    assert "zonder duizendtalscheiding" in message


def test_a_column_mixing_dutch_and_english_numbers_is_refused(tmp_path):
    lines = semi_rows(["1,50", "2.75"])
    with pytest.raises(ExportError, match=r"kolom 'kosten' mengt twee schrijfwijzen.*'1,50'"):
        read_export(write_csv(tmp_path, lines, header=SEMI))


def test_unreadable_number_is_rejected_per_row(tmp_path):
    lines = semi_rows(["1.234,56", "12,34,5", "veel"])
    export = read_export(write_csv(tmp_path, lines, header=SEMI))
    assert export.rejected[["rij", "kolom", "waarde"]].values.tolist() == [
        [3, "kosten", "12,34,5"],
        [4, "kosten", "veel"],
    ]
    assert export.data["kosten"].tolist() == [1234.56]
    assert_balanced(export)


# --- dates --------------------------------------------------------------------------------------


def test_dutch_and_iso_dates_with_or_without_time_are_the_same_day(tmp_path):
    begins = ["01-03-2018", "1-3-2018", "01/03/2018", "2018-03-01T00:00:00", "2018-03-01 14:30"]
    lines = [row(arrangement=f"a{i}", begin=b) for i, b in enumerate(begins)]
    export = read_export(write_csv(tmp_path, lines))
    assert export.rejected.empty
    assert set(export.data["begindatum"]) == {pd.Timestamp("2018-03-01")}
    assert_balanced(export)


@pytest.mark.parametrize("end", ["", "NULL", "null", "9999-12-31", "31-12-9999"])
def test_open_end_sentinels_mean_still_running(tmp_path, end):
    export = read_export(write_csv(tmp_path, [row(end=end), row(arrangement="a2")]))
    assert export.rejected.empty
    assert export.data["einddatum"].isna().all()
    assert_balanced(export)


def test_year_9999_in_excel_and_parquet_means_still_running_and_does_not_crash(tmp_path):
    frame = read_export(write_csv(tmp_path, GOOD)).data.astype({"einddatum": "datetime64[us]"})
    frame.loc[0, "einddatum"] = pd.Timestamp("9999-12-31")
    frame.to_parquet(tmp_path / "export.parquet")
    frame.to_excel(tmp_path / "export.xlsx", index=False)
    for name in ("export.parquet", "export.xlsx"):
        export = read_export(tmp_path / name)
        assert export.rejected.empty, name
        assert pd.isna(export.data.loc[0, "einddatum"])
        assert_balanced(export)


def test_a_begin_date_in_year_9999_is_not_a_date(tmp_path):
    export = read_export(write_csv(tmp_path, [row(begin="9999-12-31"), row(arrangement="a2")]))
    assert export.rejected[["rij", "kolom"]].values.tolist() == [[2, "begindatum"]]
    assert export.rejected.loc[0, "reden"].startswith("geen geldige datum")
    assert_balanced(export)


def test_impossible_date_is_rejected(tmp_path):
    export = read_export(write_csv(tmp_path, [row(begin="30-02-2018"), row(arrangement="a2")]))
    assert export.rejected[["rij", "kolom", "waarde"]].values.tolist() == [
        [2, "begindatum", "30-02-2018"]
    ]
    assert_balanced(export)


def test_month_first_dates_are_refused_not_read_day_first(tmp_path):
    lines = [row(arrangement="a1", begin="12/31/2017"), row(arrangement="a2", begin="03/01/2018")]
    with pytest.raises(ExportError, match=r"kolom 'begindatum' heeft datums met de maand vóór"):
        read_export(write_csv(tmp_path, lines))


# --- headers and separators ---------------------------------------------------------------------


def test_header_case_and_spaces_are_recognised(tmp_path):
    header = ",".join(f"  {c.upper()} " for c in HEADER.split(","))
    export = read_export(write_csv(tmp_path, GOOD, header=header))
    assert export.rejected.empty
    assert list(export.data.columns[:3]) == ["client_id", "jaar", "arrangement_id"]
    assert_balanced(export)


def test_the_same_column_twice_is_refused(tmp_path):
    lines = [line + ",5" for line in GOOD]
    with pytest.raises(ExportError, match="kosten komen meer dan eens voor"):
        read_export(write_csv(tmp_path, lines, header=HEADER + ",Kosten"))


def test_title_rows_above_the_header_in_a_csv_shift_the_row_numbers(tmp_path):
    path = tmp_path / "export.csv"
    lines = ["Overzicht arrangementen jeugd;;", "", SEMI, *semi_rows(["10", "-"])]
    path.write_text("\n".join(lines) + "\n")
    export = read_export(path)
    # header on line 3: the first record is row 4, the second (kosten '-') row 5
    assert export.rejected[["rij", "kolom", "waarde"]].values.tolist() == [[5, "kosten", "-"]]
    assert export.data["kosten"].tolist() == [10.0]
    assert_balanced(export)


def test_title_row_above_the_header_in_excel(tmp_path):
    data = read_export(write_csv(tmp_path, GOOD)).data
    path = tmp_path / "export.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"a": ["Export jeugdhulp, peildatum 1-1-2020"]}).to_excel(
            writer, index=False, header=False
        )
        data.assign(kosten=[1.0, -1.0, 2.0]).to_excel(writer, index=False, startrow=2)
    export = read_export(path)
    # Excel rows: title 1, blank 2, header 3, data 4-6; the negative cost is on row 5
    assert export.rejected[["rij", "kolom"]].values.tolist() == [[5, "kosten"]]
    assert_balanced(export)


def test_tab_separated_file(tmp_path):
    lines = [line.replace(",", "\t") for line in GOOD]
    export = read_export(
        write_csv(tmp_path, lines, name="export.tsv", header=HEADER.replace(",", "\t"))
    )
    assert export.rejected.empty
    assert export.data["kosten"].tolist() == [1200.5, 600.0, 0.0]
    assert_balanced(export)


# --- renamed and damaged files ------------------------------------------------------------------


def no_english(message):
    for word in ("error", "expected", "file", "zip file", "not a", "tokeniz", "invalid"):
        assert word not in message.lower(), message


def test_an_xlsx_that_is_really_a_csv(tmp_path):
    path = write_csv(tmp_path, GOOD, name="export.xlsx")
    with pytest.raises(ExportError) as caught:
        read_export(path)
    assert str(caught.value) == (
        "export.xlsx: de naam eindigt op '.xlsx', maar de inhoud is tekst (CSV). "
        "Geef het bestand de extensie .csv."
    )


def test_a_zip_archive(tmp_path):
    path = tmp_path / "export.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("export.csv", "\n".join([HEADER, *GOOD]))
    with pytest.raises(ExportError, match="de inhoud is een zip-archief. Pak het archief uit"):
        read_export(path)


def test_binary_garbage(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ExportError, match="onleesbare binaire gegevens") as caught:
        read_export(path)
    no_english(str(caught.value))


def test_a_web_page_saved_as_xlsx(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("<html><table><tr><td>client_id</td></tr></table></html>")
    with pytest.raises(ExportError, match="webpagina"):
        read_export(path)


def test_a_damaged_workbook_and_parquet_get_a_dutch_message(tmp_path):
    data = read_export(write_csv(tmp_path, GOOD)).data
    data.to_excel(tmp_path / "export.xlsx", index=False)
    data.to_parquet(tmp_path / "export.parquet")
    for name in ("export.xlsx", "export.parquet"):
        path = tmp_path / name
        path.write_bytes(path.read_bytes()[:300])
        with pytest.raises(ExportError, match="beschadigd of onvolledig") as caught:
            read_export(path)
        no_english(str(caught.value))


# --- quoting ------------------------------------------------------------------------------------


def test_a_stray_quote_pair_that_merges_lines_is_refused_not_lost(tmp_path):
    lines = [
        row(arrangement="a1"),
        row(arrangement="a2", categorie='"ambulant'),
        row(arrangement="a3"),
        row(arrangement="a4", categorie='ambulant"'),
        row(arrangement="a5"),
    ]
    with pytest.raises(ExportError) as caught:
        read_export(write_csv(tmp_path, lines))
    message = str(caught.value)
    assert message.startswith("export.csv: rij 3 (regel 3 in het bestand) loopt over 3 regels")
    assert "aanhalingsteken" in message and "5 regels met gegevens, maar er zijn 3 rijen" in message


def test_a_quote_that_is_never_closed(tmp_path):
    lines = [row(arrangement="a1"), row(arrangement="a2", categorie='"ambulant'), row()]
    with pytest.raises(ExportError, match=r"aanhalingsteken \(\"\) in regel 3 wordt nooit") as c:
        read_export(write_csv(tmp_path, lines))
    no_english(str(c.value))


def test_a_line_with_too_many_fields_names_the_line(tmp_path):
    lines = [row(arrangement="a1"), row(arrangement="a2") + ",extra"]
    with pytest.raises(ExportError, match="regel 3 heeft 12 velden, de kopregel 11") as caught:
        read_export(write_csv(tmp_path, lines))
    no_english(str(caught.value))


def test_a_line_break_in_a_quoted_free_text_column_is_kept_and_counted_as_one_row(tmp_path):
    lines = [row(arrangement="a1") + ',"eerste regel\ntweede regel"', row(arrangement="a2") + ",x"]
    export = read_export(write_csv(tmp_path, lines, header=HEADER + ",opmerking"))
    assert export.rows_in == 2 and export.rejected.empty
    assert export.ignored_columns == ("opmerking",)
    assert_balanced(export)
