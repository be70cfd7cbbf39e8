"""Bijlage II comparisons: source choice (CBS cache or published), indices, gap to peers.

The CBS path runs on the invented responses of tests/fixtures/cbs (via test_cbs's fake
session) in a temporary cache; no test touches the network.
"""

import pandas as pd
import pytest
from test_cbs import InventedSession

from helpers.chapters import bijlage2
from helpers.data import cbs, published
from helpers.methods import peers
from helpers.notebook import ParameterError


@pytest.fixture
def filled_cache(tmp_path):
    cbs.gemeenten(2019, cache_dir=tmp_path, session=InventedSession())
    return tmp_path


@pytest.mark.parametrize("given", ["Maastricht", "maastricht", "GM0935", "0935", "935"])
def test_published_gemeente_by_name_or_code(given):
    assert bijlage2.is_published_gemeente(given)


def test_other_gemeente_is_not_the_published_one():
    assert not bijlage2.is_published_gemeente("Heerlen")
    assert not bijlage2.is_published_gemeente("GM0917")


def test_empty_cache_uses_published_figures_for_maastricht_2019_and_says_so(tmp_path):
    choice = bijlage2.choose_source("GM0935", 2019, cache_dir=tmp_path)
    assert choice.bron == bijlage2.SOURCE_PUBLISHED
    assert choice.gemeente == "Maastricht"
    assert "make data-cbs GEMEENTE=GM0935 JAAR=2019" in choice.melding


@pytest.mark.parametrize(("gemeente", "jaar"), [("Heerlen", 2019), ("Maastricht", 2018)])
def test_empty_cache_otherwise_stops_with_the_make_command(tmp_path, gemeente, jaar):
    with pytest.raises(ParameterError, match=f"make data-cbs GEMEENTE={gemeente} JAAR={jaar}"):
        bijlage2.choose_source(gemeente, jaar, cache_dir=tmp_path)


def test_filled_cache_is_used_and_named(filled_cache):
    choice = bijlage2.choose_source("Heerlen", 2019, cache_dir=filled_cache)
    assert choice.bron == bijlage2.SOURCE_CBS
    assert choice.code == "GM0917"
    assert "Heerlen (GM0917), 2019" in choice.melding


def test_unknown_gemeente_with_a_cache_is_a_parameter_error(filled_cache):
    with pytest.raises(ParameterError, match="Atlantis"):
        bijlage2.choose_source("Atlantis", 2019, cache_dir=filled_cache)


def test_cbs_values_and_index_hand_computed(filled_cache):
    # Fixture: Maastricht 120 000 inw., OAD 2 300 (sterk stedelijk), jeugdzorg 60 000 (x 1 000 €);
    # Utrecht 350 000 inw. (zeer sterk stedelijk), Heerlen 90 000 inw. (matig stedelijk).
    choice = bijlage2.choose_source("Maastricht", 2019, cache_dir=filled_cache)
    values = bijlage2.cbs_values(choice, 2019)
    assert bijlage2.inwoners(values, "Maastricht") == 120_000
    table = bijlage2.indices(values, "Maastricht").set_index(["indicator", "groep"])
    kosten = table.xs("kosten jeugdzorg per inwoner")
    # 100.000-300.000 and sterk stedelijk hold only Maastricht itself: index 100.
    assert kosten.loc["Sterk stedelijk", "index"] == pytest.approx(100.0)
    # Nederland: (60 000 + 140 000 + 36 000) x 1 000 / 560 000 inw. = 421,43 €; 500 / 421,43.
    assert kosten.loc["Nederland", "groep_waarde"] == pytest.approx(236_000_000 / 560_000)
    assert kosten.loc["Nederland", "index"] == pytest.approx(500 / (236_000 / 560) * 100)


@pytest.fixture
def published_values():
    return bijlage2.published_values(
        published.load("visitatie_2021/kengetallen").data,
        published.load("visitatie_2021/jeugdhulpgebruik").data,
    )


def test_published_index_uses_the_region_for_beschermd_wonen(published_values):
    table = bijlage2.indices(published_values, "Maastricht").set_index(["indicator", "groep"])
    bw = table.loc[("gebruik beschermd wonen", "Nederland")]
    assert bw["eigen_cijfer"] == "beschermd wonen-regio Maastricht"
    assert bw["index"] == pytest.approx(115.0)  # 2,3 / 2,0
    assert table.loc[("jeugdhulpgebruik", "Limburg"), "index"] == pytest.approx(1440 / 12.2)
    # Single-figure kengetallen (inwoners, oppervlakte, ...) have no comparison row.
    assert "inwoners" not in table.index.get_level_values("indicator")
    assert bijlage2.inwoners(published_values, "Maastricht") == 118_636


def test_own_figure_given_twice_is_an_error():
    values = pd.DataFrame(
        {
            "indicator": ["x", "x", "x"],
            "groep": ["A", "beschermd wonen-regio A", "NL"],
            "periode": "2019",
            "eenheid": "%",
            "waarde": [1.0, 2.0, 3.0],
        }
    )
    with pytest.raises(ValueError, match="'x'"):
        bijlage2.indices(values, "A")


@pytest.fixture
def iv3():
    return published.load("visitatie_2021/iv3_per_inwoner").data


def test_gap_to_peers_known_answer(iv3):
    own, group = bijlage2.iv3_per_taakveld(iv3, "Maastricht", "sterk stedelijk")
    gap = peers.gap_to_peers(own, group, 100_000, total="Som taakvelden")
    # 6.72: (1 163 - 303) x 100 000 = 86 000 000
    assert gap.loc["6.72 Maatwerkdienstverlening 18-", "verschil_euro"] == 86_000_000
    # Sum of the taakvelden, not the printed total: 3 066 - 1 630 = 1 436 per inwoner.
    assert gap.loc["Som taakvelden", "verschil_per_inwoner"] == 1_436
    assert len(gap) == 11


def test_gap_without_own_iv3_figures_stays_missing(iv3):
    own, group = bijlage2.iv3_per_taakveld(iv3, "Heerlen", "sterk stedelijk")
    gap = peers.gap_to_peers(own, group, 90_000, total="Som taakvelden")
    assert gap["verschil_euro"].isna().all()
    assert gap.loc["Som taakvelden", "controlegroep"] == 1_630


def test_gap_with_unknown_control_group_names_the_available_ones(iv3):
    with pytest.raises(ParameterError, match="sterk stedelijk"):
        bijlage2.iv3_per_taakveld(iv3, "Maastricht", "Nederland")


def test_values_of_the_published_choice_are_the_published_kengetallen(tmp_path, published_values):
    choice = bijlage2.choose_source("Maastricht", 2019, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(bijlage2.values(choice, 2019), published_values)


def test_known_gaps_of_bijlage_ii_include_the_wmo_use_figure():
    gaps = published.known_gaps("visitatie_2021", sections=("3.1", "Bijlage II"))
    assert set(gaps["paragraaf"].str[:3]) <= {"3.1", "Bij"}
    assert gaps["ontbreekt"].str.contains("Wmo-voorzieningen per 1.000 inwoners").sum() == 2
    assert not gaps["paragraaf"].eq("Bijlage IV").any()


def test_indices_keep_the_index_only_where_units_agree_or_the_assumption_is_stated():
    values = pd.DataFrame(
        {
            "indicator": ["re-integratievoorzieningen"] * 2
            + ["x"] * 2
            + ["werkzame beroepsbevolking"] * 2,
            "groep": ["A", "NL"] * 3,
            "periode": "2019",
            "eenheid": ["per 1.000 inwoners", "%", "aantal", "%", "per 1.000", "per 1.000"],
            "waarde": [14.2, 17.7, 5.0, 10.0, 607.0, 680.0],
        }
    )
    table = bijlage2.indices(values, "A").set_index("indicator")
    # Printed in different units but compared by the source: index 14,2 / 17,7 = 80,2, with why.
    reintegratie = table.loc["re-integratievoorzieningen"]
    assert reintegratie["index"] == pytest.approx(1420 / 17.7)
    assert "procent" in reintegratie["kanttekening"]
    # Different units without a stated assumption: no index.
    assert pd.isna(table.loc["x", "index"])
    assert table.loc["x", "kanttekening"] == "eenheden verschillen; geen index"
    assert table.loc["werkzame beroepsbevolking", "gunstig"] == "hoger"
    assert table.loc["werkzame beroepsbevolking", "kanttekening"] == ""


def test_clearest_differences_follow_from_the_indices(published_values):
    table = bijlage2.clearest_differences(bijlage2.indices(published_values, "Maastricht"))
    # Furthest from 100 per indicator, at least 10 points: 4,8 / 1,8 = 267 first; re-integratie
    # (14,2 / 17,7 = 80) and werkzame beroepsbevolking (607 / 682 = 89) are in, mantelzorg is not.
    assert table["indicator"].iloc[0] == "huishoudens met een langdurig laag inkomen"
    assert table["index"].iloc[0] == pytest.approx(480 / 1.8)
    assert {"re-integratievoorzieningen", "werkzame beroepsbevolking"} <= set(table["indicator"])
    assert "mantelzorg verlenen" not in set(table["indicator"])
    assert (abs(table["index"] - 100) >= bijlage2.DEVIATION).all()


def test_bijstand_is_compared_in_words_for_the_published_figures_only(tmp_path, filled_cache):
    published_choice = bijlage2.choose_source("Maastricht", 2019, cache_dir=tmp_path / "leeg")
    words = bijlage2.in_words(published_choice).set_index("groep")["waarde"]
    assert words.to_dict() == {
        "sterk stedelijk": "hoger",
        "100.000 tot en met 300.000 inwoners": "lager",
    }
    cbs_choice = bijlage2.choose_source("Heerlen", 2019, cache_dir=filled_cache)
    assert bijlage2.in_words(cbs_choice).empty
