"""Known answers and properties of helpers.methods.decompose (LMDI-I, Shapley, Kitagawa, chaining)."""

import math
from itertools import permutations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.methods import decompose as d


def make_agg(years: dict, eenheid: str | None = "uur") -> pd.DataFrame:
    """{jaar: (clients, {categorie: (arrangementen, kosten[, eenheden])})} -> aggregate table;
    with units every cell is counted in `eenheid` (None: no eenheid column)."""
    with_units = any(len(v) > 2 for _, cats in years.values() for v in cats.values())
    rows = [
        {
            "jaar": year,
            "categorie": cat,
            **({"eenheid": eenheid} if with_units and eenheid else {}),
            "clienten_jaar": clients,
            "arrangementen": values[0],
            "kosten": float(values[1]),
            "eenheden": float(values[2]) if len(values) > 2 else np.nan,
        }
        for year, (clients, cats) in years.items()
        for cat, values in cats.items()
    ]
    return pd.DataFrame(rows)


def total_cost(agg: pd.DataFrame, year: int) -> float:
    return agg.loc[agg["jaar"] == year, "kosten"].sum()


# Hand-worked example, two categories.
# 2016: N = 100; ambulant 120 arrangements à € 1.000 = 120.000; verblijf 30 à € 20.000 = 600.000.
# 2017: N = 110; ambulant 132 à € 1.100 = 145.200; verblijf 44 à € 20.000 = 880.000.
# C: 720.000 -> 1.025.200, ΔC = 305.200. A = 150 -> 176.
# Factor ratios 2017/2016: volume 110/100 = 1,1; stapeling (176/110)/(150/100) = 1,6/1,5 = 16/15;
# mix ambulant 0,75/0,8 = 15/16, verblijf 0,25/0,2 = 1,25; prijs ambulant 1,1, verblijf 1.
# Weights: L_amb = 25.200/ln(1,21) = 25.200/(2·ln 1,1) ≈ 132.201,4;
#          L_verb = 280.000/ln(22/15) ≈ 730.000,3.
# ambulant: volume = prijs = L_amb·ln 1,1 = 12.600 exactly; stapeling = −mix = L_amb·ln(16/15)
#           ≈ 8.531,99 (the ambulant arrangements per client, 1,2, do not change).
# verblijf: volume = L_verb·ln 1,1 ≈ 69.679,87; stapeling = L_verb·ln(16/15) ≈ 47.183,16;
#           mix = L_verb·ln 1,25 ≈ 163.136,97; prijs = 0.
# Kitagawa, cost per client 7.200 -> 9.320: A_c/N ambulant 1,2 -> 1,2, verblijf 0,3 -> 0,4;
# samenstelling = 0,1 · 20.000 = 2.000; prijs = 100 · (1,2 + 1,2)/2 = 120; totaal 2.120.
HAND = make_agg(
    {
        2016: (100, {"ambulant": (120, 120_000), "verblijf": (30, 600_000)}),
        2017: (110, {"ambulant": (132, 145_200), "verblijf": (44, 880_000)}),
    }
)
L_AMB = 25_200 / math.log(1.21)
L_VERB = 280_000 / math.log(22 / 15)


def test_hand_worked_two_categories():
    result = d.effects(HAND, 2016, 2017, per_group=True)
    expected = pd.DataFrame(
        {
            "volume": [12_600.0, L_VERB * math.log(1.1)],
            "stapeling": [L_AMB * math.log(16 / 15), L_VERB * math.log(16 / 15)],
            "mix": [L_AMB * math.log(15 / 16), L_VERB * math.log(1.25)],
            "prijs": [12_600.0, 0.0],
        },
        index=pd.Index(["ambulant", "verblijf"], name="categorie"),
    )
    pd.testing.assert_frame_equal(result, expected, rtol=1e-12)
    assert result.loc["verblijf", "mix"] == pytest.approx(163_136.97, abs=0.01)
    assert result.to_numpy().sum() == pytest.approx(305_200, rel=1e-13)


def test_hand_worked_kitagawa():
    result = d.kitagawa(HAND, 2016, 2017)
    assert result.to_dict() == pytest.approx(
        {"samenstelling": 2_000, "prijs": 120, "totaal": 2_120}, rel=1e-12
    )


def test_hand_worked_multiplicative():
    result = d.lmdi_multiplicative(HAND, 2016, 2017)
    l_total = 305_200 / math.log(1_025_200 / 720_000)
    assert result["prijs"] == pytest.approx(math.exp(12_600 / l_total), rel=1e-12)
    assert result.prod() == pytest.approx(1_025_200 / 720_000, rel=1e-12)


def test_effects_totals_and_labels():
    result = d.effects(HAND, 2016, 2017)
    assert list(result.index) == ["volume", "stapeling", "mix", "prijs", "totaal"]
    assert result["totaal"] == 305_200
    assert result.drop("totaal").sum() == pytest.approx(305_200, rel=1e-13)
    assert set(result.index) <= set(d.EFFECT_LABELS)


# Single-factor cases: exactly one factor differs, so the whole change belongs to it.
ONLY_TARIFF = make_agg(
    {
        2016: (50, {"ambulant": (60, 60_000, 600), "verblijf": (20, 400_000, 2_000)}),
        2017: (50, {"ambulant": (60, 66_000, 600), "verblijf": (20, 500_000, 2_000)}),
    }
)
ONLY_CLIENTS = make_agg(
    {
        2016: (50, {"ambulant": (60, 60_000), "verblijf": (20, 400_000)}),
        2017: (150, {"ambulant": (180, 180_000), "verblijf": (60, 1_200_000)}),
    }
)
ONLY_MIX = make_agg(
    {
        2016: (50, {"ambulant": (60, 60_000), "verblijf": (20, 400_000)}),
        2017: (50, {"ambulant": (50, 50_000), "verblijf": (30, 600_000)}),
    }
)


@pytest.mark.parametrize("method", ["lmdi", "shapley"])
@pytest.mark.parametrize(
    ("agg", "units", "factor"),
    [
        (ONLY_TARIFF, True, "tarief"),
        (ONLY_TARIFF, False, "prijs"),
        (ONLY_CLIENTS, None, "volume"),
        (ONLY_MIX, None, "mix"),
    ],
)
def test_single_factor_change_goes_to_that_factor(agg, units, factor, method):
    result = d.effects(agg, 2016, 2017, method=method, units=units)
    delta = total_cost(agg, 2017) - total_cost(agg, 2016)
    assert result[factor] == pytest.approx(delta, rel=1e-12)
    others = result.drop([factor, "totaal", "prijs"] if factor == "tarief" else [factor, "totaal"])
    assert (others == 0).all(), others


@pytest.mark.parametrize(
    ("agg", "units"), [(ONLY_TARIFF, True), (ONLY_CLIENTS, None), (ONLY_MIX, None)]
)
def test_lmdi_and_shapley_agree_without_interaction(agg, units):
    np.testing.assert_allclose(
        d.effects(agg, 2016, 2017, units=units, per_group=True),
        d.effects(agg, 2016, 2017, units=units, method="shapley", per_group=True),
        rtol=0,
        atol=1e-9,
    )


def test_units_split_price_into_intensity_and_tariff():
    # ambulant: units per arrangement 10 -> 12 (×1,2), cost per unit 100 -> 100; price ×1,2.
    agg = make_agg(
        {
            2016: (50, {"ambulant": (60, 60_000, 600)}),
            2017: (50, {"ambulant": (60, 72_000, 720)}),
        }
    )
    result = d.effects(agg, 2016, 2017)
    assert result["intensiteit"] == pytest.approx(12_000, rel=1e-12)
    assert result["tarief"] == 0
    assert result["prijs"] == pytest.approx(12_000, rel=1e-12)
    assert d.effects(agg, 2016, 2017, units=False)["prijs"] == pytest.approx(12_000, rel=1e-12)


# Zero cells. 2016 has no pleegzorg, 2017 no verblijf.
APPEAR = make_agg(
    {
        2016: (50, {"ambulant": (60, 60_000), "verblijf": (20, 400_000)}),
        2017: (55, {"ambulant": (66, 72_600), "pleegzorg": (10, 150_000)}),
    }
)


def test_lmdi_zero_cells_go_to_mix_and_sum_exactly():
    result = d.effects(APPEAR, 2016, 2017, per_group=True)
    assert result.loc["pleegzorg"].to_dict() == {
        "volume": 0.0,
        "stapeling": 0.0,
        "mix": 150_000.0,
        "prijs": 0.0,
    }
    assert result.loc["verblijf"].to_dict() == {
        "volume": 0.0,
        "stapeling": 0.0,
        "mix": -400_000.0,
        "prijs": 0.0,
    }
    assert result.to_numpy().sum() == pytest.approx(222_600 - 460_000, rel=1e-13)


def test_lmdi_zero_cells_time_reversal():
    np.testing.assert_allclose(
        d.effects(APPEAR, 2017, 2016, per_group=True),
        -d.effects(APPEAR, 2016, 2017, per_group=True),
        rtol=1e-12,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        d.effects(HAND, 2017, 2016, per_group=True),
        -d.effects(HAND, 2016, 2017, per_group=True),
        rtol=1e-12,
        atol=1e-9,
    )


@pytest.mark.parametrize(
    ("ambulant_2016", "units", "factor"),
    [
        ((60, 0.0), False, "prijs"),  # arrangements without cost
        ((60, 0.0, 0.0), True, "intensiteit"),  # no units delivered
        ((60, 0.0, 300.0), True, "tarief"),  # units without cost
    ],
)
def test_zero_factor_follows_the_data(ambulant_2016, units, factor):
    # ambulant costs nothing in 2016 and 66.000 in 2017: all of it goes to the factor that is 0.
    base = {"verblijf": (20, 400_000, 2_000)}
    agg = make_agg(
        {
            2016: (50, {**base, "ambulant": ambulant_2016}),
            2017: (50, {**base, "ambulant": (60, 66_000, 600)}),
        }
    )
    row = d.effects(agg, 2016, 2017, units=units, per_group=True).loc["ambulant"]
    assert row[factor] == 66_000, row
    assert (row.drop(factor) == 0).all(), row


def test_empty_year_goes_to_volume():
    agg = make_agg({2016: (0, {"ambulant": (0, 0)}), 2017: (10, {"ambulant": (12, 12_000)})})
    assert d.effects(agg, 2016, 2017).to_dict() == {
        "volume": 12_000.0,
        "stapeling": 0.0,
        "mix": 0.0,
        "prijs": 0.0,
        "totaal": 12_000.0,
    }
    with pytest.raises(ValueError, match="Multiplicatieve"):
        d.lmdi_multiplicative(agg, 2016, 2017)
    with pytest.raises(ValueError, match="geen cliënten"):
        d.kitagawa(agg, 2016, 2017)


def test_clients_without_arrangements_go_to_stapeling():
    # 2016: 5 clients, no arrangements (A/N = 0); 2017: 6 arrangements à € 100 for 5 clients.
    agg = make_agg({2016: (5, {"ambulant": (0, 0)}), 2017: (5, {"ambulant": (6, 600)})})
    assert d.effects(agg, 2016, 2017, per_group=True).loc["ambulant"].to_dict() == {
        "volume": 0.0,
        "stapeling": 600.0,
        "mix": 0.0,
        "prijs": 0.0,
    }
    # cost per client 0 -> 120: A_c/N 0 -> 1,2 at € 100 (taken from 2017) is samenstelling.
    assert d.kitagawa(agg, 2016, 2017).to_dict() == pytest.approx(
        {"samenstelling": 120, "prijs": 0, "totaal": 120}
    )


def test_shapley_zero_cells_take_other_years_price():
    # pleegzorg is absent in 2016: its price there is taken from 2017, so its prijs effect is 0
    # and its cost 150.000 is shared by volume, stapeling and mix.
    result = d.effects(APPEAR, 2016, 2017, method="shapley", per_group=True)
    assert result.loc["pleegzorg", "prijs"] == 0
    assert result.loc["pleegzorg"].sum() == pytest.approx(150_000, rel=1e-12)
    assert result.loc["verblijf"].sum() == pytest.approx(-400_000, rel=1e-12)
    assert result.to_numpy().sum() == pytest.approx(222_600 - 460_000, rel=1e-12)


def test_kitagawa_absent_category_is_samenstelling():
    # cost per client 460.000/50 = 9.200 -> 222.600/55 = 4.047,27…; pleegzorg adds
    # 10/55 · 15.000 and verblijf removes 20/50 · 20.000 through samenstelling alone;
    # ambulant: A_c/N 1,2 -> 1,2, price 1.000 -> 1.100, prijs = 100 · 1,2 = 120.
    result = d.kitagawa(APPEAR, 2016, 2017)
    assert result["prijs"] == pytest.approx(120, rel=1e-12)
    assert result["samenstelling"] == pytest.approx(10 / 55 * 15_000 - 0.4 * 20_000, rel=1e-12)
    assert result["totaal"] == pytest.approx(222_600 / 55 - 9_200, rel=1e-12)


def test_chain_sums_and_labels():
    agg = pd.concat([HAND, APPEAR.assign(jaar=APPEAR["jaar"] + 2)], ignore_index=True)
    result = d.chain(agg)
    assert list(result.index) == [
        "2016→2017",
        "2017→2018",
        "2018→2019",
        "totaal 2016→2019",
    ]
    assert result.loc["2016→2017"].equals(d.effects(HAND, 2016, 2017).rename("2016→2017"))
    delta = total_cost(agg, 2019) - total_cost(agg, 2016)
    assert result.loc["totaal 2016→2019", "totaal"] == pytest.approx(delta, rel=1e-13)
    total = result.loc["totaal 2016→2019"].drop("totaal").sum()
    assert total == pytest.approx(delta, rel=1e-12)
    assert list(d.chain(agg, years=[2016, 2019]).index) == ["2016→2019", "totaal 2016→2019"]


def test_published_aggregates_have_no_stapeling_or_mix():
    clients = pd.Series([2_800, 2_900, 2_865], index=[2016, 2017, 2018])
    cost = pd.Series([40.0, 45.0, 52.0], index=[2016, 2017, 2018])
    result = d.chain(d.aggregate_published(clients, cost))
    assert (result[["stapeling", "mix"]] == 0).all().all()
    # volume + cost per client: 2016→2017 L(45, 40) · ln(2.900/2.800)
    l_first = 5 / math.log(45 / 40)
    assert result.loc["2016→2017", "volume"] == pytest.approx(
        l_first * math.log(2_900 / 2_800), rel=1e-12
    )
    assert result.loc["totaal 2016→2018", "totaal"] == pytest.approx(12.0)
    with pytest.raises(ValueError, match=r"jaren \[2019\]"):
        d.aggregate_published(clients, pd.concat([cost, pd.Series([1.0], index=[2019])]))


# --- validation of the aggregate table -----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.assign(kosten=a["kosten"].where(a.index != 1, -5.0)), "negatief"),
        (lambda a: pd.concat([a, a.iloc[[0]]]), "dubbel"),
        (
            lambda a: a.assign(arrangementen=a["arrangementen"].where(a.index != 1, 0)),
            "positief terwijl arrangementen 0",
        ),
        (
            lambda a: a.assign(clienten_jaar=a["clienten_jaar"].where(a.index != 1, 99)),
            "verschilt binnen één jaar",
        ),
        (
            lambda a: a.assign(eenheid="uur", eenheden=[1.0, np.nan, 3.0, 4.0]),
            "eenheden' is leeg",
        ),
        (lambda a: a.drop(columns="kosten"), r"\['kosten'\] ontbreken"),
    ],
)
def test_bad_aggregate_is_rejected_with_row_and_column(change, message):
    with pytest.raises(ValueError, match=message):
        d.effects(change(HAND), 2016, 2017, per_group=True)


def test_bad_aggregate_message_names_the_row():
    bad = HAND.assign(kosten=HAND["kosten"].where(HAND.index != 1, -5.0))
    with pytest.raises(ValueError, match=r"\(2016, 'verblijf'\)"):
        d.effects(bad, 2016, 2017, per_group=True)


def test_missing_year_and_unknown_method():
    with pytest.raises(ValueError, match=r"jaar \[2020\] komt niet voor"):
        d.effects(HAND, 2016, 2020, per_group=True)
    with pytest.raises(ValueError, match="Onbekende methode"):
        d.effects(HAND, 2016, 2017, method="ratio")


def test_units_required_when_asked():
    with pytest.raises(ValueError, match="eenheden' is leeg"):
        d.effects(HAND.assign(eenheid="uur"), 2016, 2017, units=True, per_group=True)
    with pytest.raises(ValueError, match="kolom 'eenheid' ontbreekt"):
        d.effects(HAND.assign(eenheden=1.0), 2016, 2017, units=True, per_group=True)
    with pytest.raises(ValueError, match="eenheid' is onbekend"):
        d.effects(
            HAND.assign(eenheid=d.UNKNOWN_UNIT, eenheden=1.0),
            2016,
            2017,
            units=True,
            per_group=True,
        )


def test_without_a_known_unit_the_price_is_not_split():
    units_without_kind = HAND.assign(eenheden=[10.0, 20.0, 11.0, 22.0])
    assert "tarief" not in d.effects(units_without_kind, 2016, 2017)
    unknown = units_without_kind.assign(eenheid=d.UNKNOWN_UNIT)
    assert "tarief" not in d.effects(unknown, 2016, 2017)
    assert "tarief" in d.effects(units_without_kind.assign(eenheid="uur"), 2016, 2017)


# --- aggregate() on microdata --------------------------------------------------------------------

MICRO = pd.DataFrame(
    {
        # client a has ambulant and verblijf in 2016: one client, two arrangements.
        "client_id": ["a", "a", "b", "a", "c", "c"],
        "jaar": [2016, 2016, 2016, 2017, 2017, 2017],
        "arrangement_id": ["x1", "x2", "x3", "x1", "x4", "x4"],
        "categorie": ["ambulant", "verblijf", "ambulant", "ambulant", "verblijf", "verblijf"],
        "kosten": [100.0, 1_000.0, 200.0, 150.0, 500.0, 700.0],
        "eenheden": [1.0, 10.0, 2.0, 1.5, 5.0, 7.0],
    }
)


def test_aggregate_counts_distinct_clients_and_arrangements():
    # 2016: clients a, b (a counted once over two categories); 2017: a, c.
    # x4 has two rows in 2017 (e.g. split invoices): one arrangement, costs add up.
    expected = pd.DataFrame(
        {
            "jaar": [2016, 2016, 2017, 2017],
            "categorie": ["ambulant", "verblijf", "ambulant", "verblijf"],
            "clienten_jaar": [2, 2, 2, 2],
            "arrangementen": [2, 1, 1, 1],
            "kosten": [300.0, 1_000.0, 150.0, 1_200.0],
            "eenheden": [3.0, 10.0, 1.5, 12.0],
        }
    )
    result = d.aggregate(MICRO)
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    categorical = MICRO.astype(
        {c: "category" for c in ("client_id", "arrangement_id", "categorie")}
    )
    pd.testing.assert_frame_equal(
        d.aggregate(categorical), expected, check_dtype=False, check_categorical=False
    )


def test_aggregate_without_units_and_by_other_column():
    # without the repeated row of x4, so every arrangement has one row per year
    micro = MICRO.drop(index=5, columns="eenheden")
    micro = micro.assign(zorgvorm=["ZiN", "PGB", "ZiN", "ZiN", "ZiN"])
    result = d.aggregate(micro, by="zorgvorm")
    assert result["eenheden"].isna().all()
    # Cells are zorgvorm × categorie: the effects per zorgvorm add up over its categories.
    assert result[["jaar", "zorgvorm", "categorie", "arrangementen", "kosten"]].to_dict("list") == {
        "jaar": [2016, 2016, 2017, 2017],
        "zorgvorm": ["PGB", "ZiN", "ZiN", "ZiN"],
        "categorie": ["verblijf", "ambulant", "ambulant", "verblijf"],
        "arrangementen": [1, 2, 1, 1],
        "kosten": [1_000.0, 300.0, 150.0, 500.0],
    }
    assert result["clienten_jaar"].tolist() == [2, 2, 2, 2]
    assert d.effects(result, 2016, 2017, by="zorgvorm")["totaal"] == -650


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.drop(columns="arrangement_id"), r"\['arrangement_id'\] ontbreken"),
        (
            lambda m: m.assign(categorie=m["categorie"].where(m.index != 4, None)),
            r"'categorie' is leeg in rij\(en\) \[4\]",
        ),
        (lambda m: m.assign(kosten=-m["kosten"]), r"'kosten' is negatief in rij\(en\) \[0, 1"),
    ],
)
def test_aggregate_rejects_bad_rows(change, message):
    with pytest.raises(ValueError, match=message):
        d.aggregate(change(MICRO))


# --- properties ----------------------------------------------------------------------------------

CATS = ["ambulant", "verblijf", "pleegzorg", "gesloten"]


@st.composite
def year_table(draw, units: bool, positive: bool = False):
    """One year: per category arrangements, price per unit, units per arrangement; clients
    between 1 and A (0 for an empty year)."""
    cats = {}
    for cat in CATS[: draw(st.integers(1, len(CATS)))]:
        n_arr = draw(st.integers(1 if positive else 0, 40))
        intensity = draw(st.floats(0.5, 50.0))
        tariff = draw(
            st.floats(1.0, 5_000.0)
            if positive
            else st.sampled_from([0.0, 75.0, 2_000.0]) | st.floats(1.0, 5_000.0)
        )
        cost = n_arr * intensity * tariff
        cats[cat] = (n_arr, cost, n_arr * intensity) if units else (n_arr, cost)
    total = sum(v[0] for v in cats.values())
    clients = draw(st.integers(1, total)) if total else 0
    return clients, cats


def tables(n_years: int, units: bool = False, positive: bool = False):
    return st.lists(year_table(units, positive), min_size=n_years, max_size=n_years).map(
        lambda years: make_agg({2016 + i: y for i, y in enumerate(years)})
    )


def tolerance(agg: pd.DataFrame) -> float:
    return 1e-9 * max(1.0, agg.groupby("jaar")["kosten"].sum().max())


@settings(max_examples=80, deadline=None)
@given(agg=tables(2), units=st.booleans(), method=st.sampled_from(["lmdi", "shapley"]))
def test_property_effects_sum_to_change(agg, units, method):
    if units:
        agg = agg.assign(eenheden=agg["arrangementen"] * 3.0)
    delta = total_cost(agg, 2017) - total_cost(agg, 2016)
    cells = d.effects(agg, 2016, 2017, method=method, per_group=True)
    assert abs(cells.to_numpy().sum() - delta) <= tolerance(agg)
    assert np.isfinite(cells.to_numpy()).all()


@settings(max_examples=40, deadline=None)
@given(agg=tables(2, units=True))
def test_property_effects_sum_to_change_with_units(agg):
    delta = total_cost(agg, 2017) - total_cost(agg, 2016)
    for method in ("lmdi", "shapley"):
        result = d.effects(agg, 2016, 2017, method=method)
        parts = result[["volume", "stapeling", "mix", "intensiteit", "tarief"]].sum()
        assert abs(parts - delta) <= tolerance(agg)
        assert result["prijs"] == pytest.approx(result["intensiteit"] + result["tarief"])


@settings(max_examples=40, deadline=None)
@given(agg=tables(2))
def test_property_lmdi_time_reversal(agg):
    np.testing.assert_allclose(
        d.effects(agg, 2017, 2016, per_group=True),
        -d.effects(agg, 2016, 2017, per_group=True),
        rtol=1e-9,
        atol=tolerance(agg),
    )


@settings(max_examples=60, deadline=None)
@given(agg=tables(2))
def test_property_multiplicative_product_is_ratio(agg):
    c0, c1 = total_cost(agg, 2016), total_cost(agg, 2017)
    if c0 == 0 or c1 == 0:
        with pytest.raises(ValueError, match="Multiplicatieve"):
            d.lmdi_multiplicative(agg, 2016, 2017)
        return
    factors = d.lmdi_multiplicative(agg, 2016, 2017)
    assert factors.prod() == pytest.approx(c1 / c0, rel=1e-9)
    assert (factors > 0).all()


@settings(max_examples=60, deadline=None)
@given(agg=tables(2))
def test_property_kitagawa_parts_sum_to_change_per_client(agg):
    clients = agg.groupby("jaar")["clienten_jaar"].first()
    if (clients == 0).any():
        return
    result = d.kitagawa(agg, 2016, 2017)
    change = total_cost(agg, 2017) / clients[2017] - total_cost(agg, 2016) / clients[2016]
    assert result["totaal"] == pytest.approx(change, rel=1e-12, abs=1e-9)
    assert result["samenstelling"] + result["prijs"] == pytest.approx(change, rel=1e-9, abs=1e-6)


@settings(max_examples=25, deadline=None)
@given(agg=tables(4), method=st.sampled_from(["lmdi", "shapley"]))
def test_property_chain_sums_to_total_change(agg, method):
    result = d.chain(agg, method=method)
    delta = total_cost(agg, 2019) - total_cost(agg, 2016)
    total = result.loc["totaal 2016→2019"]
    assert total["totaal"] == pytest.approx(delta, rel=1e-12, abs=1e-9)
    assert abs(total.drop("totaal").sum() - delta) <= 3 * tolerance(agg)


def shapley_by_permutations(agg: pd.DataFrame) -> pd.DataFrame:
    """Reference: average over all 4! orderings of the marginal cost of switching each factor
    from 2016 to 2017, per category (all categories present in both years)."""
    factors = {}
    for year, rows in agg.groupby("jaar"):
        rows = rows.set_index("categorie")
        n, a = rows["clienten_jaar"].iloc[0], rows["arrangementen"].sum()
        factors[year] = pd.DataFrame(
            {
                "volume": float(n),
                "stapeling": a / n,
                "mix": rows["arrangementen"] / a,
                "prijs": rows["kosten"] / rows["arrangementen"],
            }
        )
    x0, x1 = factors[2016], factors[2017]
    result = pd.DataFrame(0.0, index=x0.index, columns=x0.columns)
    orders = list(permutations(x0.columns))
    for order in orders:
        current = x0.copy()
        for factor in order:
            before = current.prod(axis=1)
            current[factor] = x1[factor]
            result[factor] += (current.prod(axis=1) - before) / len(orders)
    return result


@settings(max_examples=25, deadline=None)
@given(agg=tables(2, positive=True))
def test_property_shapley_equals_average_over_orderings(agg):
    cats = set(agg.loc[agg["jaar"] == 2016, "categorie"]) & set(
        agg.loc[agg["jaar"] == 2017, "categorie"]
    )
    agg = agg[agg["categorie"].isin(cats)]
    agg = agg.assign(clienten_jaar=agg.groupby("jaar")["arrangementen"].transform("sum"))
    np.testing.assert_allclose(
        d.effects(agg, 2016, 2017, method="shapley", per_group=True).sort_index(),
        shapley_by_permutations(agg).sort_index(),
        rtol=1e-9,
        atol=tolerance(agg),
    )


# --- cells of one unit: a view per verwijzer never turns a category shift into a price -----------


def arrangements(year: int, verwijzer: str, rows: list[tuple[str, str, float, float, int]]):
    """Microdata of `year`: per (categorie, eenheid, eenheden, tarief, count) `count` clients
    with one arrangement each."""
    frames = [
        pd.DataFrame(
            {
                "categorie": cat,
                "eenheid": unit,
                "eenheden": units,
                "kosten": units * tariff,
            },
            index=range(count),
        )
        for cat, unit, units, tariff, count in rows
    ]
    data = pd.concat(frames, ignore_index=True)
    ids = [f"{verwijzer}{year}-{i}" for i in range(len(data))]
    return data.assign(jaar=year, verwijzer=verwijzer, client_id=ids, arrangement_id=ids)


AMBULANT = ("ambulant", "uur", 10.0, 100.0)  # 10 uur à € 100 = € 1.000 per arrangement
VERBLIJF = ("verblijf", "etmaal", 100.0, 200.0)  # 100 etmalen à € 200 = € 20.000


@pytest.mark.parametrize("method", ["lmdi", "shapley"])
@pytest.mark.parametrize("by", ["verwijzer", "categorie"])
def test_pure_category_shift_within_a_verwijzer_is_mix_never_price(method, by):
    # huisarts: 8 ambulant + 2 verblijf -> 6 ambulant + 4 verblijf, same clients, same price per
    # unit and units per arrangement in each category. C: 48.000 -> 86.000. Adding hours and
    # etmalen per verwijzer would show units per arrangement 28 -> 46 and cost per "unit"
    # 171 -> 187: a price change that did not happen.
    micro = pd.concat(
        [
            arrangements(2016, "huisarts", [(*AMBULANT, 8), (*VERBLIJF, 2)]),
            arrangements(2017, "huisarts", [(*AMBULANT, 6), (*VERBLIJF, 4)]),
        ]
    )
    agg = d.aggregate(micro, by=by)
    result = d.effects(agg, 2016, 2017, by=by, method=method)
    assert result["totaal"] == 38_000
    assert result["mix"] == pytest.approx(38_000, rel=1e-12)
    assert result[["volume", "stapeling", "intensiteit", "tarief"]].abs().max() < 1e-9
    per_group = d.effects(agg, 2016, 2017, by=by, method=method, per_group=True)
    assert per_group.to_numpy().sum() == pytest.approx(38_000, rel=1e-12)
    assert per_group[["intensiteit", "tarief"]].abs().to_numpy().max() < 1e-9


@pytest.mark.parametrize("method", ["lmdi", "shapley"])
def test_category_shift_with_more_clients_is_volume_and_mix_only(method):
    # 10 clients (8 ambulant, 2 verblijf) -> 20 clients (12 ambulant, 8 verblijf).
    micro = pd.concat(
        [
            arrangements(2016, "huisarts", [(*AMBULANT, 8), (*VERBLIJF, 2)]),
            arrangements(2017, "huisarts", [(*AMBULANT, 12), (*VERBLIJF, 8)]),
        ]
    )
    result = d.effects(
        d.aggregate(micro, by="verwijzer"), 2016, 2017, by="verwijzer", method=method
    )
    delta = 12 * 1_000 + 8 * 20_000 - 48_000
    assert result["totaal"] == delta
    assert result[["stapeling", "intensiteit", "tarief"]].abs().max() < 1e-9
    assert result["volume"] > 0 and result["mix"] > 0
    assert result[["volume", "mix"]].sum() == pytest.approx(delta, rel=1e-12)


@pytest.mark.parametrize("method", ["lmdi", "shapley"])
def test_only_the_tariff_changed_is_only_tarief(method):
    # The same arrangements; ambulant € 100 -> € 110 per uur: +€ 100 per arrangement, 8 of them.
    micro = pd.concat(
        [
            arrangements(2016, "huisarts", [(*AMBULANT, 8), (*VERBLIJF, 2)]),
            arrangements(2017, "huisarts", [("ambulant", "uur", 10.0, 110.0, 8), (*VERBLIJF, 2)]),
        ]
    )
    result = d.effects(
        d.aggregate(micro, by="verwijzer"), 2016, 2017, by="verwijzer", method=method
    )
    assert result["totaal"] == pytest.approx(800, rel=1e-12)
    assert result["tarief"] == pytest.approx(800, rel=1e-12)
    assert result[["volume", "stapeling", "mix", "intensiteit"]].abs().max() < 1e-9


def test_aggregate_puts_rows_without_a_unit_in_a_cell_of_their_own():
    micro = pd.concat(
        [
            arrangements(2016, "huisarts", [(*AMBULANT, 8), (*VERBLIJF, 2)]),
            arrangements(2017, "huisarts", [(*AMBULANT, 8), (*VERBLIJF, 2)]),
        ],
        ignore_index=True,
    )
    micro.loc[0, "eenheid"] = None
    agg = d.aggregate(micro)
    cells = agg.loc[agg["jaar"] == 2016].set_index(["categorie", "eenheid"])["arrangementen"]
    assert cells.to_dict() == {
        ("ambulant", d.UNKNOWN_UNIT): 1,
        ("ambulant", "uur"): 7,
        ("verblijf", "etmaal"): 2,
    }
    # A cell of unknown unit cannot be split: the price stays whole.
    assert "tarief" not in d.effects(agg, 2016, 2017)
