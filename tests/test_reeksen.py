import pandas as pd
import pytest

from helpers.data import reeksen, statline


@pytest.mark.parametrize("name", sorted(reeksen.SERIES))
def test_the_part_used_is_complete_and_the_file_was_cut_after_it(name):
    spec = reeksen.SERIES[name]
    raw = reeksen.read(spec)
    delen = reeksen.parts(raw, spec.dimensions, spec.region)
    key = spec.part if len(spec.part) > 1 else spec.part[0]
    assert delen.loc[key, "volledig"]
    assert delen.loc[key, "rijen"] == delen.loc[key, "regios"] * delen.loc[key, "perioden"]
    # the recorded feed stops at 10.000 rows, inside the last part, which is therefore incomplete
    assert len(raw) == reeksen.LIMIT
    assert not delen["volledig"].iloc[-1]


@pytest.mark.parametrize("name", sorted(reeksen.SERIES))
def test_every_whole_year_of_the_part_has_every_region(name):
    spec = reeksen.SERIES[name]
    raw = reeksen.read(spec)
    part = raw[(raw[list(spec.dimensions)] == list(spec.part)).all(axis=1)]
    years = statline.periods(part["Perioden"])
    whole = part[years["halfjaar"].isna()]
    per_year = whole.groupby(years.loc[whole.index, "jaar"])[spec.region].nunique()
    assert (per_year == raw[spec.region].nunique()).all()


def test_an_incomplete_part_is_refused():
    raw = pd.DataFrame(
        {
            "Dim": ["A", "A", "A", "A", "B"],
            "Regio": ["x", "x", "y", "y", "x"],
            "Perioden": ["2019", "2020", "2019", "2020", "2019"],
        }
    )
    delen = reeksen.parts(raw, ("Dim",), "Regio")
    assert delen["volledig"].tolist() == [True, False]
    assert delen.loc["B", "verwacht"] == 4


def test_gemeenten_with_a_realised_jeugdzorg_figure_per_year_as_recorded():
    data = reeksen.load("jeugdzorg_kosten").data
    counts = data.dropna(subset=["gerealiseerd"]).groupby("jaar").size()
    assert counts.loc[2015:2018].tolist() == [60, 104, 184, 295]
    assert counts.loc[2019:].between(321, 341).all()


def test_maastricht_2016_partial_report_is_read_as_recorded_and_in_euros():
    data = reeksen.load("jeugdzorg_kosten").data.set_index(["code", "jaar"])
    assert data.loc[("GM0935", 2016), "gerealiseerd"] == 592_000
    assert data.loc[("GM0935", 2023), "gerealiseerd"] == 38_117_000


def test_a_label_without_a_gemeente_that_year_is_listed_not_dropped():
    loaded = reeksen.load("wmo_uitgaven")
    listed = loaded.niet_gekoppeld
    assert listed[["label", "jaar"]].values.tolist() == [["Vijfheerenlanden", 2018]]
    assert "indeling van 2018" in listed["reden"].iloc[0]


def test_labels_with_qualifiers_are_matched_per_year():
    data = reeksen.load("jeugdzorg_kosten").data.set_index(["code", "jaar"])
    # CBS writes "Beek (L.)" and "Utrecht (gemeente)" in every year
    assert data.loc[("GM0888", 2019), "naam"] == "Beek (L.)"
    assert data.loc[("GM0344", 2019), "naam"] == "Utrecht (gemeente)"


def test_jongeren_met_jeugdzorg_mark_the_table_break():
    loaded = reeksen.jongeren_jeugdzorg()
    data = loaded.data
    assert set(data.loc[data["jaar"] <= 2020, "tabel"]) == {"84134NED"}
    assert set(data.loc[data["jaar"] >= 2021, "tabel"]) == {"85099NED"}
    assert data.loc[data["trendbreuk"], "jaar"].unique().tolist() == [2021]
    maastricht = data[data["code"] == "GM0935"].set_index("jaar")["jongeren"]
    assert maastricht[2018] == 2735 and maastricht[2021] == 2880


def test_half_year_written_with_a_space_is_a_period():
    out = statline.periods(pd.Series(["1e half jaar 2024", "2e halfjaar 2019", "2022*"]))
    assert out["jaar"].tolist() == [2024, 2019, 2022]
    assert out["halfjaar"].tolist()[:2] == [1, 2] and out["voorlopig"].tolist()[2]
