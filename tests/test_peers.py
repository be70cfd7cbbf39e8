"""Control groups: class boundaries, membership, weighted vs unweighted averages, index, gap."""

import numpy as np
import pandas as pd
import pytest

from helpers.methods import peers


@pytest.mark.parametrize(
    ("oad", "klasse"),
    [
        (2_500, 1),
        (2_499.9, 2),
        (2_329, 2),
        (1_500, 2),
        (1_499, 3),
        (1_000, 3),
        (999, 4),
        (500, 4),
        (499, 5),
        (0, 5),
    ],
)
def test_stedelijkheid_lower_bound_belongs_to_the_class(oad, klasse):
    assert peers.stedelijkheid(pd.Series([oad])).iloc[0] == klasse


@pytest.mark.parametrize(
    ("inwoners", "klasse"),
    [
        (4_999, 1),
        (5_000, 2),
        (99_999, 5),
        (100_000, 6),
        (149_999, 6),
        (150_000, 7),
        (249_999, 7),
        (250_000, 8),
    ],
)
def test_grootteklasse_matches_cbs_labels(inwoners, klasse):
    assert peers.grootteklasse(pd.Series([inwoners])).iloc[0] == klasse
    assert "inwoners" in peers.GROOTTEKLASSE_LABELS[klasse]


def test_missing_density_is_an_error_naming_the_row():
    with pytest.raises(ValueError, match=r"omgevingsadressendichtheid.*\[1\]"):
        peers.stedelijkheid(pd.Series([2_000, np.nan]))


GEMEENTEN = pd.DataFrame(
    {
        "gemeente_code": ["GM1", "GM2", "GM3", "GM4", "GM5"],
        "inwoners": [99_999, 100_000, 150_000, 299_999, 300_000],
        "omgevingsadressendichtheid": [1_499, 1_500, 2_499, 2_500, 1_800],
    }
)


def test_population_bounds_are_half_open():
    group = peers.define_group("g", min_inwoners=100_000, max_inwoners=150_000)
    assert peers.members(GEMEENTEN, group)["gemeente_code"].tolist() == ["GM2"]


def test_report_group_100k_300k_is_not_a_cbs_class():
    got = peers.members(GEMEENTEN, peers.GROOTTE_100K_300K)["gemeente_code"].tolist()
    assert got == ["GM2", "GM3", "GM4"]


def test_sterk_stedelijk_from_density_at_class_boundaries():
    got = peers.members(GEMEENTEN, peers.STERK_STEDELIJK)["gemeente_code"].tolist()
    assert got == ["GM2", "GM3", "GM5"]


def test_combined_size_and_urbanity_group():
    group = peers.define_group("g", min_inwoners=150_000, stedelijkheid=[1, 2])
    assert peers.members(GEMEENTEN, group)["gemeente_code"].tolist() == ["GM3", "GM4", "GM5"]


def test_group_by_urbanity_needs_a_density_or_class_column():
    with pytest.raises(ValueError, match="stedelijkheid"):
        peers.members(GEMEENTEN[["gemeente_code", "inwoners"]], peers.STERK_STEDELIJK)


def test_define_group_rejects_bad_definitions():
    with pytest.raises(ValueError, match="kleiner"):
        peers.define_group("g", min_inwoners=10, max_inwoners=10)
    with pytest.raises(ValueError, match="stedelijkheidsklasse"):
        peers.define_group("g", stedelijkheid=6)


def test_describe_names_the_definition_in_dutch():
    text = peers.GROOTTE_100K_300K.describe()
    assert "ten minste 100.000 inwoners" in text and "minder dan 300.000 inwoners" in text


VALUES = pd.DataFrame(
    {
        "gemeente_code": ["A", "B", "A", "B", "C"],
        "indicator": ["jeugd", "jeugd", "wmo", "wmo", "jeugd"],
        "per_inwoner": [100.0, 400.0, 10.0, np.nan, 999.0],
    }
)
MEMBERS = pd.DataFrame({"gemeente_code": ["A", "B"], "inwoners": [300, 100]})


def test_weighted_average_is_total_amount_over_total_inhabitants():
    # jeugd: (100*300 + 400*100) / (300 + 100) = 70 000 / 400 = 175; C is not a member.
    result = peers.group_average(VALUES, MEMBERS)
    assert result.loc["jeugd", "gemiddelde"] == pytest.approx(175.0)
    assert result.loc["jeugd", "n_gemeenten"] == 2


def test_unweighted_average_is_mean_of_gemeenten():
    result = peers.group_average(VALUES, MEMBERS, weight=None)
    assert result.loc["jeugd", "gemiddelde"] == pytest.approx(250.0)


def test_missing_member_value_is_counted_not_hidden():
    result = peers.group_average(VALUES, MEMBERS)
    assert result.loc["wmo", "gemiddelde"] == pytest.approx(10.0)
    assert result.loc["wmo", ["n_gemeenten", "n_ontbrekend"]].tolist() == [1, 1]


def test_duplicate_values_are_an_error():
    doubled = pd.concat([VALUES, VALUES.iloc[[0]]])
    with pytest.raises(ValueError, match="meerdere rijen.*A.*jeugd"):
        peers.group_average(doubled, MEMBERS)


def test_group_table_and_index_vs_groups_hand_computed():
    values = pd.DataFrame(
        {
            "gemeente_code": ["G", "P", "G", "P"],
            "indicator": ["6.72", "6.72", "6.2", "6.2"],
            "per_inwoner": [1163.0, 355.0, 25.0, 62.0],
        }
    )
    gemeenten = pd.DataFrame({"gemeente_code": ["G", "P"], "inwoners": [120_000, 120_000]})
    peer_only = peers.define_group("P", min_inwoners=0)
    table = peers.group_table(values, gemeenten, "G", [peer_only], own_label="Gemeente G")
    assert table.columns.tolist() == ["indicator", "groep", "waarde"]
    # Both gemeenten form the group: (1163 + 355) / 2 = 759; 1163 / 759 * 100 = 153.2…
    result = peers.index_vs_groups(table, ["Gemeente G"]).set_index("indicator")
    assert result.loc["6.72", "groep_waarde"] == pytest.approx(759.0)
    assert result.loc["6.72", "index"] == pytest.approx(1163 / 759 * 100)
    assert result.loc["6.2", "index"] == pytest.approx(25 / 43.5 * 100)
    assert result["eigen_cijfer"].unique().tolist() == ["Gemeente G"]


def test_group_table_unknown_gemeente():
    with pytest.raises(ValueError, match="geen waarden voor gemeente X"):
        peers.group_table(VALUES, MEMBERS, "X")


def test_index_against_zero_is_missing_and_only_chosen_groups_are_compared():
    table = pd.DataFrame(
        {
            "indicator": ["x", "x", "x", "y"],
            "groep": ["eigen", "A", "B", "A"],
            "waarde": [2.0, 0.0, 4.0, 1.0],
        }
    )
    result = peers.index_vs_groups(table, ["eigen"], groups=["A"])
    assert result["groep"].tolist() == ["A", "A"]
    assert pd.isna(result.loc[0, "index"])  # against 0
    assert pd.isna(result.loc[1, "gemeente"])  # y has no own figure


def test_gap_to_peers_sign_size_and_sum():
    # Bijlage II, 2019, € per inwoner: Maastricht vs gemeentegrootte 100.000-150.000.
    gemeente = pd.Series({"6.2 Wijkteams": 25.0, "6.72 Maatwerkdienstverlening 18-": 1163.0})
    group = pd.Series({"6.72 Maatwerkdienstverlening 18-": 355.0, "6.2 Wijkteams": 62.0})
    gap = peers.gap_to_peers(gemeente, group, inwoners=100_000)["verschil_euro"]
    assert gap["6.72 Maatwerkdienstverlening 18-"] == pytest.approx(80_800_000)  # (1163-355)*1e5
    assert gap["6.2 Wijkteams"] == pytest.approx(-3_700_000)  # (25-62)*1e5: spends less
    assert gap["Som"] == pytest.approx(77_100_000)


def test_gap_to_peers_requires_the_same_taakvelden():
    with pytest.raises(ValueError, match="6.3"):
        peers.gap_to_peers(pd.Series({"6.2": 1.0, "6.3": 2.0}), pd.Series({"6.2": 1.0}), 10)


def test_centrumgemeente_caveat_mentions_regional_flows():
    assert "beschermd wonen" in peers.CENTRUMGEMEENTE_CAVEAT
    assert "centrumgemeente" in peers.CENTRUMGEMEENTE_CAVEAT


def test_derived_groups_share_class_or_region_with_the_gemeente():
    indeling = pd.DataFrame(
        {
            "grootteklasse_code": [6, 6, 5],
            "grootteklasse": ["g6", "g6", "g5"],
            "stedelijkheid": [1, 2, 1],
            "stedelijkheid_omschrijving": ["Zeer sterk stedelijk", "Sterk", "Zeer sterk stedelijk"],
            "provincie_code": ["PV31", "PV31", "PV30"],
            "provincie": ["Limburg", "Limburg", "Noord-Brabant"],
            "jeugdzorgregio_code": ["JZ41", "JZ40", "JZ41"],
            "jeugdzorgregio": ["Zuid", "Noord", "Zuid"],
        },
        index=["GM1", "GM2", "GM3"],
    )
    groups = peers.derived_groups(indeling, "GM1", ["grootteklasse", "stedelijkheid", "provincie"])
    assert list(groups["gemeentegrootte: g6"]) == ["GM1", "GM2"]
    assert list(groups["stedelijkheid: zeer sterk stedelijk"]) == ["GM1", "GM3"]
    assert list(groups["provincie: Limburg"]) == ["GM1", "GM2"]
    assert list(groups["Nederland"]) == ["GM1", "GM2", "GM3"]
    with pytest.raises(ValueError, match="Onbekende vergelijkingsgroep"):
        peers.derived_groups(indeling, "GM1", ["wijk"])


def test_pooled_rate_weights_by_base_and_leaves_out_secret_cells():
    rates = pd.DataFrame({"a": [10.0, 20.0, None]}, index=["GM1", "GM2", "GM3"])
    bases = pd.DataFrame({"a": [100.0, 300.0, 50.0]}, index=["GM1", "GM2", "GM3"])
    result = peers.pooled_rate(rates, bases, pd.Index(["GM1", "GM2", "GM3"]))
    # (10 × 100 + 20 × 300) / 400 = 17.5; GM3 is secret and left out
    assert result.loc["a", "waarde"] == pytest.approx(17.5)
    assert result.loc["a", "n_gemeenten"] == 2 and result.loc["a", "n_ontbrekend"] == 1
