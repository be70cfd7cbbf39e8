"""Cost drivers: an exact split of the change in total cost into volume, stapeling, mix and prijs.

Total cost in a year, summed over categories c (or any other grouping `by`):

    C = Σ_c  N · (A/N) · s_c · (K_c/A_c)

N = distinct clients in the year (volume), A/N = arrangements per client (stapeling),
s_c = A_c/A = the category's share of the arrangements (mix), K_c/A_c = cost per arrangement
(prijs). With units U_c the price splits further: K_c/A_c = (U_c/A_c) · (K_c/U_c) =
intensiteit × tarief. A = Σ_c A_c, so the identity holds even when one arrangement is counted in
two groups.

Cells. The sum runs over cells, not over the groups shown: a cell is one value of `by` together
with one categorie and, when the data has it, one eenheid (the iJw unit: uur, etmaal, …). Effects
are computed per cell and then added up per group. So in a view per verwijzer, a shift from
ambulant to verblijf within one verwijzer changes the shares of its cells (mix), not its cost per
arrangement, and units are only divided by arrangements and costs by units within cells of one
kind of unit: hours are never added to etmalen. Without an eenheid column the units of a cell
cannot be known to be of one kind, so the price is not split into intensiteit and tarief.

The identity holds for any positive counts used consistently: N · (A/N) · (A_c/A) · (K_c/A_c) =
K_c. Disclosure control relies on this (`helpers.microdata.protected`): decomposing on rounded
counts gives effects that still add up exactly to the change in cost.

Additive LMDI-I (Ang 2004) attributes to factor x_k, between years 0 and T,

    ΔC_k = Σ_c L(C_c^T, C_c^0) · ln(x_kc^T / x_kc^0),   L(a, b) = (a − b) / ln(a / b),  L(a, a) = a,

and Σ_k ΔC_k = Σ_c L(C_c^T, C_c^0) · ln(C_c^T / C_c^0) = Σ_c (C_c^T − C_c^0) = ΔC: no residual.
The multiplicative form uses the same terms: ln D_k = ΔC_k / L(C^T, C^0), so Π_k D_k = C^T/C^0.

Zero cells (Ang & Liu 2007, "Handling zero values in the additive and multiplicative LMDI").
Let C_c^0 = 0 < C_c^T, e.g. a category that appears (A_c^0 = 0). In the zero year the first
factor of the chain N, A/N, s_c, K_c/A_c (or U_c/A_c, K_c/U_c) that equals 0 is the one that goes
from zero — here s_c; the later ones are 0/0 and undefined. Replace that zero by δ, so
C_c^0 = δ·m with m > 0 the product of the other factors, and let δ → 0:

  * the zero factor:   L(C_c^T, δm) · ln(x^T/δ) = (C_c^T − δm) · ln(x^T/δ) / ln(C_c^T/(δm))
                       → C_c^T, because both logarithms behave as −ln δ;
  * every other factor: L(C_c^T, δm) · ln(x^T/x^0) → L(C_c^T, 0) · finite = 0, using L(x, 0) = 0.

So the whole change of that category, C_c^T − C_c^0, goes to the factor that goes from (or to,
by time reversal) zero and all its other effects are exactly 0; the sum still equals ΔC exactly.
The same limit holds term by term in the multiplicative form. Which factor is zero follows from
the data: a category absent in a year -> mix; arrangements without cost -> prijs (tarief, or
intensiteit when no units were delivered); an empty year (N = 0) -> volume.

Shapley (the cross-check) evaluates the cost function on all 2^k combinations of the factor
values of both years. A factor that is undefined (0/0) in one year — the cost per arrangement of
an absent category, the mix of an empty year — takes the other year's value there; that choice
does not change the cost (a zero factor multiplies it) but it does decide how the new category's
cost is shared: Shapley gives part of it to volume and stapeling, LMDI gives all of it to mix.

Kitagawa (1955) is the two-factor view for readers: cost per client K/N = Σ_c w_c r_c with
w_c = A_c/N (arrangements per client per category: samenstelling, includes stapeling) and
r_c = K_c/A_c (prijs); Δ(K/N) = Σ_c Δw_c · r̄_c + Σ_c Δr_c · w̄_c exactly, bars being two-year means.
"""

from math import factorial

import numpy as np
import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "intensiteit en tarief",
        "eenheden per arrangement en prijs per eenheid worden alleen binnen cellen van één soort eenheid gesplitst; zonder bekende eenheid blijft het 'prijs'",
        "uren, dagdelen en etmalen optellen maakt een verschuiving tussen categorieën tot een schijnbare prijsverandering",
        "een export zonder eenheden geeft alleen volume, stapeling, mix en prijs",
    ),
    Assumption(
        "nulcellen in LMDI",
        "een categorie die in één van beide jaren ontbreekt krijgt de analytische limiet van het logaritmisch gemiddelde, geen kleine vervangwaarde",
        "Ang (2005), LMDI-I: exacte optelling zonder restterm",
        "",
    ),
)

EFFECTS = ("volume", "stapeling", "mix", "prijs")
EFFECTS_UNITS = ("volume", "stapeling", "mix", "intensiteit", "tarief")

EFFECT_LABELS = {
    "volume": "Volume (cliënten)",
    "stapeling": "Stapeling (arrangementen per cliënt)",
    "mix": "Mix (verdeling over categorieën)",
    "prijs": "Prijs (kosten per arrangement)",
    "intensiteit": "Intensiteit (eenheden per arrangement)",
    "tarief": "Tarief (kosten per eenheid)",
    "samenstelling": "Samenstelling (arrangementen per cliënt per categorie)",
    "totaal": "Totale verandering",
}

PUBLISHED_CATEGORY = "totaal"
# The columns that, with `by`, make up a cell (module docstring), when present; a missing unit is
# a cell of its own, UNKNOWN_UNIT, whose price cannot be split.
CELL_COLUMNS = ("categorie", "eenheid")
UNKNOWN_UNIT = "onbekend"

_COUNTS = ("clienten_jaar", "arrangementen", "kosten")
_VALUES = (*_COUNTS, "eenheden")


# --- aggregation of microdata ------------------------------------------------------------------


def _codes(values: pd.Series, sort: bool = True) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and their values; free for a categorical column. Hashing text ids is the
    dominant cost of aggregate(), so ids are not sorted."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), pd.Index(values.cat.categories)
    codes, uniques = pd.factorize(values, sort=sort)
    return codes, pd.Index(uniques)


def _present(year: np.ndarray, ids: np.ndarray, n_years: int) -> np.ndarray:
    """Bitmap (year, id) -> whether the id occurs in that year: O(rows), no hashing or sorting."""
    n_ids = int(ids.max()) + 1 if len(ids) else 0
    seen = np.zeros(n_years * n_ids, dtype=bool)
    seen[year.astype(np.int64) * n_ids + ids] = True
    return seen.reshape(n_years, n_ids)


def _reject(frame: pd.DataFrame, bad: pd.Series | np.ndarray, column: str, reason: str, where: str):
    bad = np.asarray(bad, dtype=bool)
    if bad.any():
        rows = list(frame.index[bad][:5])
        more = f" (en nog {bad.sum() - 5})" if bad.sum() > 5 else ""
        raise ValueError(f"{where}: kolom '{column}' {reason} in rij(en) {rows}{more}.")


def cell_keys(columns, by: str) -> list[str]:
    """The key columns of a cell: `by`, then those of CELL_COLUMNS in `columns`."""
    return [by, *(c for c in CELL_COLUMNS if c in columns and c != by)]


def aggregate(df: pd.DataFrame, by: str = "categorie") -> pd.DataFrame:
    """Arrangement rows (helpers.microdata.contract) -> one row per jaar and cell (cell_keys:
    `by`, categorie and eenheid when present; a missing eenheid becomes UNKNOWN_UNIT):
    clienten_jaar (distinct clients in the year, the same on every row of that year),
    arrangementen (distinct arrangement_id in the cell), kosten, eenheden (NaN when the column is
    absent; NaN for a cell in which any row lacks it)."""
    where = "microdata"
    keys = cell_keys(df.columns, by)
    required = ("client_id", "jaar", "arrangement_id", *keys, "kosten")
    missing = [c for c in dict.fromkeys(required) if c not in df]
    if missing:
        raise ValueError(f"{where}: kolom(men) {missing} ontbreken.")
    for column in ("client_id", "jaar", "arrangement_id", *keys, "kosten"):
        if column == "eenheid":
            continue
        _reject(df, df[column].isna(), column, "is leeg", where)
    _reject(df, df["kosten"] < 0, "kosten", "is negatief", where)
    if "eenheden" in df:
        _reject(df, df["eenheden"] < 0, "eenheden", "is negatief", where)
    if "eenheid" in keys:
        unit = df["eenheid"]
        if isinstance(unit.dtype, pd.CategoricalDtype):
            if UNKNOWN_UNIT not in unit.cat.categories:
                unit = unit.cat.add_categories(UNKNOWN_UNIT)
        else:
            unit = unit.astype(object)
        df = df.assign(eenheid=unit.fillna(UNKNOWN_UNIT))

    year, years = _codes(df["jaar"])
    key_codes = [_codes(df[k]) for k in keys]
    client, _ = _codes(df["client_id"], sort=False)
    arrangement, _ = _codes(df["arrangement_id"], sort=False)
    shape = (len(years), *(len(values) for _, values in key_codes))
    group = np.ravel_multi_index((year, *(codes for codes, _ in key_codes)), shape)
    n_by = int(np.prod(shape[1:]))
    n_groups = len(years) * n_by

    rows = np.bincount(group, minlength=n_groups)
    clients = _present(year, client, len(years)).sum(axis=1)
    # By the contract an arrangement has one row per year, so it is distinct within its group;
    # only when some arrangement repeats within a year are (group, arrangement) pairs deduplicated.
    arrangements = rows
    if _present(year, arrangement, len(years)).sum() < len(df):
        pairs = pd.DataFrame({"group": group, "id": arrangement}).drop_duplicates()
        arrangements = np.bincount(pairs["group"].to_numpy(), minlength=n_groups)
    units = (
        np.bincount(group, weights=df["eenheden"].to_numpy(dtype=float), minlength=n_groups)
        if "eenheden" in df
        else np.full(n_groups, np.nan)
    )
    position = np.unravel_index(np.arange(n_groups), shape)
    out = pd.DataFrame(
        {
            "jaar": years.to_numpy()[position[0]],
            **{
                key: values.to_numpy()[codes]
                for key, (_, values), codes in zip(keys, key_codes, position[1:], strict=True)
            },
            "clienten_jaar": clients[position[0]],
            "arrangementen": arrangements,
            "kosten": np.bincount(
                group, weights=df["kosten"].to_numpy(dtype=float), minlength=n_groups
            ),
            "eenheden": units,
        }
    )
    return out[rows > 0].reset_index(drop=True)


def aggregate_published(clients: pd.Series, cost: pd.Series) -> pd.DataFrame:
    """Published totals per year (index = jaar), e.g. jeugdigen with jeugdhulp and the
    realisatie jeugdhulp -> an aggregate table with one pseudo-category, PUBLISHED_CATEGORY.

    Arrangements are not published, so arrangementen is set to the number of clients: stapeling
    and mix are then exactly 0 by construction, and 'prijs' is the effect of the cost per client.
    Cost keeps its unit (e.g. € mln), and so do the effects."""
    where = "gepubliceerde reeksen"
    years = clients.index.symmetric_difference(cost.index)
    if len(years):
        raise ValueError(f"{where}: jaren {list(years)} staan maar in één van beide reeksen.")
    table = pd.DataFrame({"clienten_jaar": clients, "kosten": cost.reindex(clients.index)})
    for column in table:
        _reject(table, table[column].isna(), column, "is leeg", where)
        _reject(table, table[column] < 0, column, "is negatief", where)
    return pd.DataFrame(
        {
            "jaar": clients.index.to_numpy(),
            "categorie": PUBLISHED_CATEGORY,
            "clienten_jaar": clients.to_numpy(),
            "arrangementen": clients.to_numpy(),
            "kosten": table["kosten"].to_numpy(dtype=float),
            "eenheden": np.nan,
        }
    )


# --- the factors of two years ------------------------------------------------------------------


def _use_units(rows: pd.DataFrame, units: bool | None, where: str) -> bool:
    """Whether to split prijs: only within cells of one known kind of unit (module docstring)."""
    present = rows["eenheden"].notna() if "eenheden" in rows else pd.Series(False, rows.index)
    if units is False or (units is None and not present.any()):
        return False
    if "eenheid" not in rows.index.names:
        if units is None:
            return False
        raise ValueError(
            f"{where}: intensiteit en tarief bestaan alleen binnen één soort eenheid, maar de "
            "kolom 'eenheid' ontbreekt (geef units=False om zonder te rekenen)."
        )
    unknown = rows.index.get_level_values("eenheid") == UNKNOWN_UNIT
    if units is None and unknown.any():
        return False
    _reject(rows, unknown, "eenheid", "is onbekend (geef units=False om zonder te rekenen)", where)
    _reject(rows, ~present, "eenheden", "is leeg (geef units=False om zonder te rekenen)", where)
    return True


def _check(agg: pd.DataFrame, years: list[int], by: str, units: bool | None):
    """The rows of `years` indexed by jaar and cell, validated; returns (rows, units resolved)."""
    where = "geaggregeerde tabel"
    keys = [by, *(c for c in agg.columns if c not in ("jaar", by, *_VALUES))]
    missing = [c for c in ("jaar", by, *_COUNTS) if c not in agg]
    if missing:
        raise ValueError(f"{where}: kolom(men) {missing} ontbreken.")
    absent = sorted(set(years) - set(agg["jaar"]))
    if absent:
        raise ValueError(
            f"{where}: jaar {absent} komt niet voor (wel: {sorted(set(agg['jaar']))})."
        )
    rows = agg[agg["jaar"].isin(years)].set_index(["jaar", *keys])
    for column in _COUNTS:
        _reject(rows, rows[column].isna(), column, "is leeg", where)
        _reject(rows, rows[column] < 0, column, "is negatief", where)
    _reject(rows, rows.index.duplicated(), by, "komt dubbel voor in hetzelfde jaar", where)
    per_year = rows.groupby(level="jaar")["clienten_jaar"].transform("nunique") > 1
    _reject(rows, per_year, "clienten_jaar", "verschilt binnen één jaar", where)
    _reject(
        rows,
        (rows["clienten_jaar"] == 0) & (rows["arrangementen"] > 0),
        "arrangementen",
        "is positief terwijl clienten_jaar 0 is",
        where,
    )
    _reject(
        rows,
        (rows["arrangementen"] == 0) & (rows["kosten"] > 0),
        "kosten",
        "is positief terwijl arrangementen 0 is",
        where,
    )
    with_units = _use_units(rows, units, where)
    if with_units:
        _reject(
            rows,
            (rows["eenheden"] == 0) & (rows["kosten"] > 0),
            "eenheden",
            "is 0 terwijl kosten positief zijn (tarief onbepaald)",
            where,
        )
        _reject(
            rows,
            (rows["arrangementen"] == 0) & (rows["eenheden"] > 0),
            "eenheden",
            "is positief terwijl arrangementen 0 is",
            where,
        )
    return rows, with_units


class _Pair:
    """Two years on the union of their groups: clients n[y], arrangements a[y] and cost c[y] per
    group, and the factor values x[y] with shape (k, groups), NaN where a factor is 0/0."""

    def __init__(self, agg, jaar_van, jaar_tot, by, units):
        rows, with_units = _check(agg, [jaar_van, jaar_tot], by, units)
        self.names = EFFECTS_UNITS if with_units else EFFECTS
        self.by = by
        cells = rows.index.droplevel("jaar").unique().sort_values()
        self.index = cells if cells.nlevels > 1 else cells.get_level_values(0)
        full = pd.MultiIndex.from_tuples(
            [(year, *np.atleast_1d(cell)) for year in (jaar_van, jaar_tot) for cell in self.index],
            names=rows.index.names,
        )
        columns = ["arrangementen", "kosten"] + (["eenheden"] if with_units else [])
        values = rows[columns].reindex(full, fill_value=0).to_numpy(dtype=float)
        values = values.reshape(2, len(self.index), len(columns))
        clients = rows.groupby(level="jaar")["clienten_jaar"].first()
        self.n = clients.reindex([jaar_van, jaar_tot]).to_numpy(dtype=float)
        self.a, self.c = values[:, :, 0], values[:, :, 1]
        self.x = np.stack([self._factors(n, values[y], with_units) for y, n in enumerate(self.n)])

    @staticmethod
    def _factors(n: float, values: np.ndarray, with_units: bool) -> np.ndarray:
        arrangements, cost = values[:, 0], values[:, 1]
        total = arrangements.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            common = [np.full_like(cost, n), np.full_like(cost, total / n), arrangements / total]
            if with_units:
                units = values[:, 2]
                return np.stack([*common, units / arrangements, cost / units])
            return np.stack([*common, cost / arrangements])

    def total(self, effects: np.ndarray) -> pd.Series:
        return pd.Series(effects.sum(axis=1), index=list(self.names))


def _logmean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """L(a, b) = (a − b)/ln(a/b), L(a, a) = a, L(a, 0) = L(0, b) = 0."""
    positive = (a > 0) & (b > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(a == b, a, (a - b) / np.log(a / b))
    return np.where(positive, mean, 0.0)


def _lmdi(pair: _Pair) -> np.ndarray:
    (x0, x1), (c0, c1) = pair.x, pair.c
    both = (c0 > 0) & (c1 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        effects = np.where(both, _logmean(c1, c0) * np.log(x1 / x0), 0.0)
    switch = np.flatnonzero((c0 > 0) != (c1 > 0))
    in_zero_year = np.where(c0 == 0, x0, x1)[:, switch]
    effects[np.argmax(in_zero_year == 0, axis=0), switch] = (c1 - c0)[switch]
    return effects


def _other_year_if_undefined(x: np.ndarray) -> np.ndarray:
    """x holds the two years on axis 0; a NaN (0/0) takes the other year's value, 0 if both are
    NaN (the group is then absent in both years and the value multiplies a zero)."""
    return np.nan_to_num(np.where(np.isnan(x), x[::-1], x), nan=0.0)


def _shapley(pair: _Pair) -> np.ndarray:
    x0, x1 = _other_year_if_undefined(pair.x)
    k = len(pair.names)
    subsets = np.arange(2**k)
    member = (subsets[:, None] >> np.arange(k)) & 1 == 1
    cost = np.where(member[:, :, None], x1, x0).prod(axis=1)
    size = member.sum(axis=1)
    weight = np.array([factorial(s) * factorial(k - s - 1) / factorial(k) for s in range(k)])
    weights = np.where(member, 0.0, weight[np.minimum(size, k - 1)][:, None])
    gain = cost[subsets[:, None] | (1 << np.arange(k))] - cost[:, None, :]
    return np.einsum("sk,skc->kc", weights, gain)


def _frame(pair: _Pair, effects: np.ndarray) -> pd.DataFrame:
    """Effects per cell added up per group of `by`."""
    cells = pd.DataFrame(effects.T, index=pair.index, columns=list(pair.names))
    if cells.index.nlevels == 1:
        return cells
    return cells.groupby(level=pair.by, sort=True).sum()


# --- public decompositions ---------------------------------------------------------------------


def components(effects: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """The effects of effects() (or columns of chain()) that do not overlap and add up to
    totaal, in order: volume, stapeling, mix, then intensiteit and tarief when units were used,
    else prijs (which is their sum)."""
    names = effects.index if isinstance(effects, pd.Series) else effects.columns
    price = ["intensiteit", "tarief"] if "tarief" in names else ["prijs"]
    return effects[["volume", "stapeling", "mix", *price]]


def factor_changes(
    agg: pd.DataFrame, jaar_van: int, jaar_tot: int, by: str = "categorie"
) -> pd.DataFrame:
    """Per cell the change of each factor between the two years, x(jaar_tot)/x(jaar_van) − 1
    (NaN where a factor is 0/0 in a year): what the effects of that cell are made of."""
    pair = _Pair(agg, jaar_van, jaar_tot, by, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = pair.x[1] / pair.x[0] - 1
    return pd.DataFrame(ratio.T, index=pair.index, columns=list(pair.names))


def effects(
    agg: pd.DataFrame,
    jaar_van: int,
    jaar_tot: int,
    by: str = "categorie",
    method: str = "lmdi",
    units: bool | None = None,
    per_group: bool = False,
) -> pd.Series | pd.DataFrame:
    """The change in cost between the two years split into one effect per factor (EFFECTS, or
    EFFECTS_UNITS when units are used; units=None uses them when every cell has a known eenheid
    and eenheden), by method "lmdi" (additive LMDI-I) or "shapley" (the Shapley value of each
    factor over all orderings of the factors; undefined factor values take the other year's
    value). Zero cells: see the module docstring.

    Summed over the groups, with prijs = intensiteit + tarief when units are used, and totaal =
    C(jaar_tot) − C(jaar_van). per_group=True gives one row per group of `by` instead (the sum
    over its cells), one column per effect; all rows add up to C(jaar_tot) − C(jaar_van)."""
    methods = {"lmdi": _lmdi, "shapley": _shapley}
    if method not in methods:
        raise ValueError(f"Onbekende methode '{method}': kies uit {sorted(methods)}.")
    pair = _Pair(agg, jaar_van, jaar_tot, by, units)
    cells = methods[method](pair)
    if per_group:
        return _frame(pair, cells)
    out = pair.total(cells)
    if "tarief" in out:
        out["prijs"] = out["intensiteit"] + out["tarief"]
    out["totaal"] = pair.c[1].sum() - pair.c[0].sum()
    return out


def lmdi_multiplicative(
    agg: pd.DataFrame,
    jaar_van: int,
    jaar_tot: int,
    by: str = "categorie",
    units: bool | None = None,
) -> pd.Series:
    """Multiplicative LMDI-I: factors D_k with Π_k D_k = C(jaar_tot)/C(jaar_van)."""
    pair = _Pair(agg, jaar_van, jaar_tot, by, units)
    c0, c1 = pair.c.sum(axis=1)
    if c0 <= 0 or c1 <= 0:
        raise ValueError(
            f"Multiplicatieve ontleding kan niet: totale kosten {jaar_van} = {c0}, {jaar_tot} = {c1}."
        )
    return np.exp(pair.total(_lmdi(pair)) / _logmean(np.array(c1), np.array(c0)))


def kitagawa(agg: pd.DataFrame, jaar_van: int, jaar_tot: int, by: str = "categorie") -> pd.Series:
    """Change in cost per client K/N = samenstelling + prijs (symmetric Kitagawa), with totaal.

    samenstelling = Σ_c Δ(A_c/N) · mean(K_c/A_c): more or other arrangements per client;
    prijs = Σ_c Δ(K_c/A_c) · mean(A_c/N): dearer arrangements. The cost per arrangement of a
    category absent in one year takes the other year's value, so its cost is samenstelling."""
    pair = _Pair(agg, jaar_van, jaar_tot, by, units=False)
    if (pair.n == 0).any():
        raise ValueError(f"Kosten per cliënt onbepaald: geen cliënten in {jaar_van} of {jaar_tot}.")
    per_client = pair.a / pair.n[:, None]
    with np.errstate(invalid="ignore"):
        price = _other_year_if_undefined(pair.c / pair.a)
    cost_per_client = pair.c.sum(axis=1) / pair.n
    return pd.Series(
        {
            "samenstelling": (np.diff(per_client, axis=0) * price.mean(axis=0)).sum(),
            "prijs": (np.diff(price, axis=0) * per_client.mean(axis=0)).sum(),
            "totaal": cost_per_client[1] - cost_per_client[0],
        }
    )


def chain(
    agg: pd.DataFrame,
    years: list[int] | None = None,
    by: str = "categorie",
    method: str = "lmdi",
    units: bool | None = None,
) -> pd.DataFrame:
    """effects() year over year (rows '2016→2017', …) and a last row 'totaal 2016→2019' with
    their sums, which equal C(last) − C(first). Units are decided once for all years."""
    years = sorted(set(agg["jaar"])) if years is None else list(years)
    if len(years) < 2:
        raise ValueError(f"Ketenen vraagt minstens twee jaren, niet {years}.")
    _, with_units = _check(agg, years, by, units)
    pairs = list(zip(years[:-1], years[1:], strict=True))
    steps = pd.DataFrame(
        [effects(agg, a, b, by, method, with_units) for a, b in pairs],
        index=[f"{a}→{b}" for a, b in pairs],
    )
    steps.loc[f"totaal {years[0]}→{years[-1]}"] = steps.sum()
    steps.index.name = "periode"
    return steps
