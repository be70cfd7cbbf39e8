import pandas as pd
import pytest

from helpers.data import iv3


@pytest.fixture(scope="module")
def files():
    return {name: iv3.load(name) for name in iv3.FILES}


def test_every_file_has_342_gemeenten_with_codes_and_the_national_row_apart(files):
    for name, (gemeenten, national) in files.items():
        assert gemeenten["code"].nunique() == 342, name
        assert (national["gemeente"] == "Nederland").all() and len(national) > 0


def test_taakvelden_are_additive_the_national_row_is_the_sum_of_the_gemeenten(files):
    gemeenten, national = files["2023_jaarrekening"]
    summed = gemeenten.groupby("taakveld_code")["lasten"].sum()
    printed = national.set_index("taakveld_code")["lasten"]
    assert (summed - printed.reindex(summed.index)).abs().max() <= 1000 * 1  # rounding of € 1.000


def test_maastricht_2023_iv3_jeugd_is_about_48_million_as_the_snapshot_caveat_says(files):
    gemeenten, _ = files["2023_jaarrekening"]
    own = gemeenten[gemeenten["code"] == "GM0935"]
    jeugd = own[own["taakveld_code"].str.match(r"^6\.(7[2-4]|82)")]["lasten"].sum()
    assert jeugd / 1e6 == pytest.approx(48.0, abs=0.5)


def sociaal(gemeenten: pd.DataFrame) -> set[str]:
    return set(gemeenten.loc[gemeenten["taakveld_code"].str.startswith("6."), "taakveld_code"])


def test_crosswalk_covers_every_sociaal_domein_code_before_and_from_2025(files):
    table = iv3.crosswalk()
    new = sociaal(files["2025_begroting"][0])
    old = sociaal(files["2024_begroting"][0])
    unchanged = new & old
    assert new - unchanged == set(table["code_2025"]) - unchanged
    clustered = {code for olds, news in iv3.CLUSTERS.values() for code in olds + news}
    assert old <= clustered and new <= clustered
    assert set(table["code_voor_2025"].dropna()) <= old


def test_one_to_one_renumbering_keeps_the_name(files):
    names_2025 = files["2025_begroting"][0].drop_duplicates("taakveld_code")
    names_2024 = files["2024_begroting"][0].drop_duplicates("taakveld_code")
    new = names_2025.set_index("taakveld_code")["taakveld"].str.rstrip(". ").str.lower()
    old = names_2024.set_index("taakveld_code")["taakveld"].str.rstrip(". ").str.lower()
    table = iv3.crosswalk()
    for _, row in table[table["relatie"] == "hernummerd"].iterrows():
        a, b = new[row["code_2025"]], old[row["code_voor_2025"]]
        if row["code_2025"] in ("6.4", "6.60"):  # renamed as well as renumbered
            continue
        assert max(b.split(), key=len) in a, (row["code_2025"], a, b)


def test_clusters_carry_the_national_budget_over_the_break_within_a_quarter(files):
    def per_cluster(gemeenten):
        codes = gemeenten["taakveld_code"]
        return gemeenten.groupby(iv3.cluster(codes))["lasten"].sum()

    before = per_cluster(files["2024_begroting"][0])
    after = per_cluster(files["2025_begroting"][0])
    for name in ("Wmo: voorzieningen en maatwerk", "Jeugdhulp", "Beschermd wonen en opvang"):
        assert after[name] / before[name] == pytest.approx(1, abs=0.25), name


def test_cluster_of_a_code_outside_the_sociaal_domein_is_missing():
    out = iv3.cluster(pd.Series(["6.711", "6.71a", "7.1"]))
    assert out.iloc[0] == out.iloc[1] == "Wmo: voorzieningen en maatwerk"
    assert pd.isna(out.iloc[2])


def test_unknown_file_is_a_clear_error():
    with pytest.raises(ValueError, match="Onbekend Iv3-bestand"):
        iv3.load("2019_jaarrekening")
