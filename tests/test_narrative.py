"""Generated sentences, checked against figures of the sources worked out by hand."""

import pandas as pd
import pytest

from helpers.display import narrative
from helpers.methods import finance

# Monitor 2018 tabel 2.3, realised lasten per pijler (€ mln)
LASTEN = pd.DataFrame(
    {2017: [34.2, 0.8, 64.9, 82.3, None, 182.2], 2018: [34.2, 0.9, 66.0, 81.5, -3.1, 179.5]},
    index=["Jeugd", "Onderwijs", "Wmo", "Participatie", "Draaiknoppen", "Totaal"],
)


def test_conclusion_shows_as_markdown_and_records_its_parameters():
    out = narrative.Conclusion("In 2018 …", jaar=2018)
    text, metadata = out._repr_markdown_()
    assert text == repr(out) == "In 2018 …"
    assert metadata == {"conclusie_over": {"jaar": 2018}}


def test_result_phrase_by_sign():
    assert narrative.result_phrase(2.3) == "een meevaller van € 2,3 mln"
    assert narrative.result_phrase(-1.4) == "een tekort van € 1,4 mln"
    assert narrative.result_phrase(-0.04) == "een resultaat van € 0,0 mln"


def test_total_lasten_fall_only_because_the_draaiknoppen_are_negative_lasten():
    text = narrative.lasten_without_negative_post(LASTEN, 2017, 2018).text
    assert (
        "daalden van € 182,2 mln (2017) naar € 179,5 mln (2018), een verschil van € −2,7 mln"
        in text
    )
    assert "(in 2017 geen regel; € −3,1 mln in 2018)" in text
    # 182,2 − 0 = 182,2 and 179,5 − (−3,1) = 182,6: the pillars rose by 0,4
    assert (
        "stegen de pijlers samen van € 182,2 mln naar € 182,6 mln, een verschil van € 0,4 mln"
        in text
    )
    assert "Dat het totaal daalde, komt dus alleen door de boeking van de draaiknoppen" in text


def test_without_a_negative_post_the_sentence_says_only_the_change():
    lasten = LASTEN.copy()
    lasten.loc["Draaiknoppen"] = 0.0
    text = narrative.lasten_without_negative_post(lasten, 2017, 2018).text
    assert "negatieve lasten" not in text


def test_results_per_year_and_rows_with_a_deficit_every_year():
    results = pd.DataFrame(
        {2017: [-8.6, -0.2, -4.4, 6.5, -6.7], 2018: [-1.4, -0.3, 2.6, 1.3, 2.3]},
        index=["Jeugd", "Onderwijs", "Wmo", "Participatie", "Totaal"],
    )
    text = narrative.results_per_year(results).text
    assert text == (
        "Het totaal sloot 2017 met een tekort van € 6,7 mln en 2018 met een meevaller van "
        "€ 2,3 mln. Een tekort in elk jaar: Jeugd en Onderwijs."
    )


def test_year_result_names_the_chosen_year_and_the_rows_by_sign():
    table = pd.DataFrame(
        {
            "begroting": [32.8, 0.6, 68.6, 82.8, -3.1, 181.8],
            "lasten": [34.2, 0.9, 66.0, 81.5, -3.1, 179.5],
            "resultaat": [-1.4, -0.3, 2.6, 1.3, 0.0, 2.3],
        },
        index=["Jeugd", "Onderwijs", "Wmo", "Participatie", "Draaiknoppen", "Totaal"],
    )
    out = narrative.year_result(finance.overview(table), 2018)
    assert out.over == {"jaar": 2018}
    assert out.text == (
        "In 2018 sloot het totaal met een meevaller van € 2,3 mln (1,3% van de begroting). "
        "Tekort: Jeugd (−1,4) en Onderwijs (−0,3). Meevaller: Wmo (+2,6) en Participatie (+1,3)."
    )


def test_result_change_of_leerlingenvervoer_is_mostly_structural():
    bridge = finance.result_bridge(
        pd.Series({2017: 0.6, 2018: 0.6}), pd.Series({2017: 0.8, 2018: 0.9}), 2017, 2018
    )
    text = narrative.result_change(bridge, 2017, 2018, "Leerlingenvervoer").text
    assert "van een tekort van € 0,2 mln in 2017 naar een tekort van € 0,3 mln in 2018" in text
    assert "De begroting bleef gelijk, de lasten stegen met € 0,1 mln." in text
    assert "(€ 0,2 mln van € 0,3 mln) bestond dus al in 2017, bij dezelfde begroting" in text


def test_result_change_of_participatie_comes_from_the_lower_budget():
    bridge = finance.result_bridge(
        pd.Series({2017: 88.8, 2018: 82.8}), pd.Series({2017: 82.3, 2018: 81.5}), 2017, 2018
    )
    text = narrative.result_change(bridge, 2017, 2018, "Participatiewet").text
    assert "De begroting daalde met € 6,0 mln, de lasten daalden met € 0,8 mln." in text
    assert "(€ −5,2 mln) komt vooral door de lagere begroting, niet door de lasten" in text


@pytest.mark.parametrize(
    ("printed", "ending"),
    [
        (1.0, "Gedrukt: afgerond 1%, en dat klopt."),
        (pd.Series([1.0]), "Gedrukt: afgerond 1%, en dat klopt."),
        (None, "De monitor drukt voor 2018 geen"),
        (pd.Series([], dtype=float), "De monitor drukt voor 2018 geen"),
    ],
)
def test_share_against_printed(printed, ending):
    # Wmo 2018: 81 bezwaar- en beroepszaken op afgerond 7.800 aanvragen = 1,04%
    out = narrative.share_against_printed(
        81, 7800, printed, what="zaken", of="aanvragen", jaar=2018
    )
    assert out.text.startswith("2018: 81 zaken op 7.800 aanvragen = 1,0%.")
    assert ending in out.text


def test_share_against_printed_that_does_not_hold():
    out = narrative.share_against_printed(97, 5000, 1.0, what="zaken", of="aanvragen", jaar=2017)
    assert "1,9%" in out.text and "en dat klopt niet" in out.text


def test_outcomes_lists_what_occurred():
    table = pd.DataFrame(
        {
            "uitkomst": ["Ingetrokken", "Niet ontvankelijk", "Ongegrond", "Totaal"],
            "waarde": [0, 2, 3, 5],
        }
    )
    out = narrative.outcomes(table, "uitkomst", "bezwaarschriften", 2018)
    assert out.text == "In 2018: 5 bezwaarschriften (niet ontvankelijk 2 en ongegrond 3)."


def test_period_change_names_only_the_two_years():
    realisatie = pd.DataFrame(
        {2016: [130.6, 34.6], 2019: [137.3, 41.4]}, index=["Sociaal domein", "Jeugdhulp"]
    )
    saldo = pd.DataFrame(
        {2016: [-8.6, -5.0], 2019: [-9.7, -6.4]}, index=["Sociaal domein", "Jeugdhulp"]
    )
    out = narrative.period_change(realisatie, saldo, 2016, 2019, total="Sociaal domein")
    assert out.over == {"jaar_van": 2016, "jaar_tot": 2019}
    assert "Sociaal domein steeg van € 130,6 mln naar € 137,3 mln" in out.text
    assert "In 2019 sloot het sociaal domein met een tekort." in out.text


def test_main_contributors_until_three_quarters_of_the_change():
    # Wmo plan §8, 2024 -> 2026 (€ mln): 6.1 −2,840 and 6.71A −1,644 carry 89,5% of −5,005
    change = pd.DataFrame(
        {2024: [10.633, 15.080, 10.619, 45.0], 2026: [7.793, 13.436, 10.354, 45.0]},
        index=["6.1", "6.71A", "6.81A", "rest"],
    )
    change = change.assign(verschil=change[2026] - change[2024])
    change["aandeel_totale_verandering_pct"] = 100 * change["verschil"] / change["verschil"].sum()
    names = pd.Series({"6.1": "6.1 Samenkracht", "6.71A": "6.71A Huishoudelijke verzorging"})
    out = narrative.main_contributors(change, names, 2024, 2026)
    assert (
        "daalt de begroting (som van de posten) van € 81,332 mln naar € 76,583 mln, een verschil van € −4,749 mln"
        in out.text
    )
    assert "6.1 Samenkracht (−2,840) en 6.71A Huishoudelijke verzorging (−1,644)" in out.text
    assert "94,4%" in out.text  # (2,840 + 1,644) / 4,749


def test_moved_schemes_sentence():
    table = pd.DataFrame(
        {"memo 2017": ["sociale voorziening"], "aanvalsplan": ["uitkering inkomensverzekering"]},
        index=pd.Index(["Wajong"], name="regeling"),
    )
    text = narrative.moved_schemes(table).text
    assert (
        "Wajong: memo 2017: sociale voorziening; aanvalsplan: uitkering inkomensverzekering."
        in text
    )


def test_required_decline_names_the_target_year():
    row = pd.Series(
        {
            "start": 11.4,
            "startjaar": 2015,
            "doel": 8.2,
            "lineair_per_jaar": -0.2133,
            "constant_pct_per_jaar": -2.17,
        }
    )
    out = narrative.required_decline(row, "Laag inkomen (CBS)", 2030)
    assert out.over == {"doeljaar": 2030}
    assert out.text == (
        "Laag inkomen (CBS): van 11,4% in 2015 naar onder 8,2% in 2030 vraagt −0,21 procentpunt "
        "per jaar (of −2,2% van het jaar ervoor, elk jaar)."
    )


def test_lever_line_separates_the_moved_line_from_a_shortfall():
    line = pd.DataFrame(
        {"begroting": [-3.5, -3.1], "lasten": [-3.5, -3.1], "resultaat": [float("nan")] * 2},
        index=["prognose", "realisatie"],
    )
    out = narrative.lever_line(line, 3.5, 2018)
    assert out.over == {"taakstelling_jaar": 2018}
    assert "in de prognose € −3,5 mln, in de realisatie € −3,1 mln" in out.text
    assert "het resultaat van de regel is „–” (geen bedrag)" in out.text
    assert "met € 0,4 mln verlaagd: een verschuiving van de regel zelf" in out.text


def test_main_contributors_of_one_taakveld_beyond_the_whole_change():
    # Wmo plan 2024 -> 2025: 6.1 −2,020 while the total falls by 1,669 (6.71A rises)
    change = pd.DataFrame({2024: [10.633, 15.080], 2025: [8.613, 15.214]}, index=["6.1", "6.71A"])
    change = change.assign(verschil=change[2025] - change[2024])
    change["aandeel_totale_verandering_pct"] = 100 * change["verschil"] / change["verschil"].sum()
    out = narrative.main_contributors(
        change, pd.Series({"6.1": "6.1 S", "6.71A": "6.71A H"}), 2024, 2025
    )
    assert "zit in 6.1 S (−2,020): 107,1% van de verandering, want andere taakvelden" in out.text
