"""One seaborn house style for every chart, with Dutch number formats and labels."""

import re
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import to_hex
from matplotlib.ticker import NullLocator

from helpers.display import fmt

PALETTE = "colorblind"

# One colour per concept in every chart (colour-blind safe, Okabe–Ito/seaborn "colorblind"):
# a reader who learned that dark blue is the realisatie in one chapter sees the same in the next.
CONCEPT_COLOURS = {
    "begroting": "#949494",
    "budget": "#949494",
    "realisatie": "#0173b2",
    "lasten": "#0173b2",
    "prognose": "#de8f05",
    "resultaat": "#029e73",
    "saldo": "#029e73",
    "sociaal domein": "#333333",
    "totaal": "#333333",
    "jeugd": "#cc78bc",
    "jeugdhulp": "#cc78bc",
    "wmo": "#ca9161",
    "participatie": "#ece133",
    "onderwijs": "#fbafe4",
}
# Colours for labels that are no concept, never one that stands for a concept above.
_OTHER_COLOURS = ["#d55e00", "#56b4e9", "#000000", "#8c564b", "#17becf", "#bcbd22"]
# A bare year (e.g. bezwaarschriften 2017 and 2018) is a realised figure: shades of realisatie.
_YEAR = re.compile(r"^\d{4}$")


def setup() -> None:
    """Apply the house style for charts and tables; call once at the top of a notebook."""
    pd.set_option("display.max_colwidth", None)  # explanations in tables are read in full
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
    plt.rcParams.update({"figure.figsize": (9, 4.5), "figure.dpi": 100, "axes.titleweight": "bold"})


def concept(label) -> str | None:
    """The concept a label stands for (its first word or words in CONCEPT_COLOURS, case
    ignored): 'realisatie 2018' -> 'realisatie', 'Begroting Participatie totaal' -> 'begroting',
    'Wmo excl. BW' -> 'wmo'; a bare year -> 'realisatie'; None for anything else."""
    text = str(label).lower()
    if _YEAR.match(text):
        return "realisatie"
    for key in sorted(CONCEPT_COLOURS, key=len, reverse=True):
        if text == key or text.startswith(key + " "):
            return key
    return None


def colours(labels) -> dict:
    """A colour for every label, in order: the concept's colour (CONCEPT_COLOURS); several
    labels of one concept (realisatie 2017, realisatie 2018) get shades of it, the last one
    full; labels of no concept get the other colours in turn."""
    labels = list(dict.fromkeys(labels))
    by_concept: dict[str, list] = {}
    for label in labels:
        by_concept.setdefault(concept(label), []).append(label)
    out = {}
    others = iter(_OTHER_COLOURS * (1 + len(labels) // len(_OTHER_COLOURS)))
    for key, members in by_concept.items():
        if key is None:
            out.update({label: next(others) for label in members})
            continue
        shades = sns.light_palette(CONCEPT_COLOURS[key], len(members) + 1)[1:]
        out.update({label: to_hex(shade) for label, shade in zip(members, shades, strict=True)})
    return {label: out[label] for label in labels}


def _legend_outside(ax) -> None:
    """The legend under the chart (the figure has a constrained layout), where it can never
    cover data and leaves the axes their full width."""
    handles, labels = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.figure.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 3),
                     frameon=False)  # fmt: skip


def bars(
    data: pd.DataFrame,
    x: str,
    y: str,
    hue: str | None = None,
    *,
    title: str,
    ylabel: str,
    formatter=fmt.number,
    xlabel: str = "",
    label_bars: bool = True,
    horizontal: bool = False,
):
    """Grouped bar chart with Dutch tick labels and (optionally) the value on each bar.
    With horizontal=True, x holds the values and y the categories."""
    fig, ax = plt.subplots(layout="constrained")
    category = y if horizontal else x
    # one bar per category when no category has more than one hue (no empty slots beside it)
    dodge = hue is not None and bool((data.groupby(category)[hue].nunique() > 1).any())
    sns.barplot(
        data=data, x=x, y=y, hue=hue, ax=ax, errorbar=None, orient="h" if horizontal else "v",
        palette=None if hue is None else colours(data[hue]), saturation=1, dodge=dodge,
    )  # fmt: skip
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if label_bars:
        for container in ax.containers:
            ax.bar_label(container, labels=[formatter(v) for v in container.datavalues], fontsize=8)
        ax.margins(**{"x" if horizontal else "y": 0.1})  # room for the labels at the ends
    if hue is not None:
        _legend_outside(ax)
    return fig, ax


def bars_two_scales(
    data: pd.DataFrame,
    value: str,
    category: str,
    hue: str,
    large,
    *,
    title: str,
    xlabel: str,
    formatter=fmt.number,
):
    """Horizontal grouped bars in two panels, each with its own value axis: the categories in
    `large` on top, the others below, so that small posts stay readable next to a large one
    (one axis for both would squeeze the small bars to slivers). One legend, beside the lower panel."""
    large = list(large)
    parts = [data[data[category].isin(large)], data[~data[category].isin(large)]]
    n_rows = [part[category].nunique() for part in parts]
    palette = colours(data[hue])
    fig, axes = plt.subplots(
        2, 1, figsize=(9, 1.6 + 0.45 * sum(n_rows) * data[hue].nunique() / 2),
        gridspec_kw={"height_ratios": n_rows}, layout="constrained",
    )  # fmt: skip
    for ax, part in zip(axes, parts, strict=True):
        sns.barplot(data=part, x=value, y=category, hue=hue, ax=ax, errorbar=None, orient="h",
                    palette=palette, saturation=1, legend=ax is axes[1])  # fmt: skip
        for container in ax.containers:
            ax.bar_label(container, labels=[formatter(v) for v in container.datavalues], fontsize=8)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.xaxis.set_major_formatter(fmt.axis_formatter(formatter))
        ax.margins(x=0.12)
        ax.set(xlabel=xlabel, ylabel="")
    axes[0].set_title(title)
    _legend_outside(axes[1])
    return fig, axes


def lines(
    data: pd.DataFrame,
    x: str,
    y: str,
    hue: str | None = None,
    *,
    title: str,
    ylabel: str,
    formatter=fmt.number,
):
    """Line chart over years (x is treated as categorical labels so years show as integers)."""
    fig, ax = plt.subplots(layout="constrained")
    sns.lineplot(
        data=data.assign(**{x: data[x].astype(str)}),
        x=x,
        y=y,
        hue=hue,
        palette=None if hue is None else colours(data[hue]),
        marker="o",
        ax=ax,
        errorbar=None,
    )
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel="", ylabel=ylabel)
    if hue is not None:
        _legend_outside(ax)
    return fig, ax


def series_by_year(
    data: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    *,
    title: str,
    ylabel: str,
    formatter=fmt.number,
    label_points: bool = True,
):
    """One line per `series` over a numeric year axis: series are never joined to each other
    (e.g. one per definition of an indicator, so a break in definition stays visible), a
    series of one year shows as a single marker, and gaps between years keep their width."""
    n_series = data[series].nunique()
    fig, ax = plt.subplots(figsize=(9, 4.5 + 0.3 * n_series))
    ordered = data.sort_values([series, x])
    sns.lineplot(
        data=ordered, x=x, y=y, hue=series, style=series, markers=True, dashes=False,
        markersize=8, ax=ax, errorbar=None, sort=True, palette=colours(data[series]),
    )  # fmt: skip
    if label_points:
        for xv, yv in zip(ordered[x], ordered[y], strict=True):
            ax.annotate(formatter(yv), (xv, yv), textcoords="offset points", xytext=(0, 6),
                        ha="center", fontsize=8)  # fmt: skip
    years = np.sort(ordered[x].unique())
    ax.set_xticks(years, [str(year) for year in years])
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel="", ylabel=ylabel)
    ax.set_ylim(bottom=0)
    ax.legend(title="", loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False, ncol=1)
    fig.tight_layout()
    return fig, ax


def waterfall_steps(effects: pd.Series, total_label: str = "Totaal") -> pd.DataFrame:
    """Bars of a waterfall of the change: each effect floats from the running total of the
    effects before it (bottom, height with sign), then one bar for the total from 0.
    Columns: label, bottom, height, top, kind ("stijging", "daling" or "totaal")."""
    heights = effects.to_numpy(dtype=float)
    ends = np.cumsum(heights)
    steps = pd.DataFrame(
        {
            "label": [*effects.index, total_label],
            "bottom": np.r_[ends - heights, 0.0],
            "height": np.r_[heights, ends[-1] if len(ends) else 0.0],
            "kind": [*np.where(heights >= 0, "stijging", "daling"), "totaal"],
        }
    )
    steps["top"] = steps["bottom"] + steps["height"]
    return steps


WATERFALL_COLORS = {"stijging": "#d55e00", "daling": "#009e73", "totaal": "#0072b2"}


def waterfall(
    effects: pd.Series,
    *,
    title: str,
    ylabel: str,
    total_label: str = "Totaal",
    formatter=fmt.signed,
):
    """Waterfall chart of effects (index = bar labels, in order) that add up to a total change;
    rises and falls get their own colour, the last bar is the total. Returns (fig, ax)."""
    steps = waterfall_steps(effects, total_label)
    fig, ax = plt.subplots()
    bars_ = ax.bar(
        steps["label"],
        steps["height"],
        bottom=steps["bottom"],
        color=steps["kind"].map(WATERFALL_COLORS).to_list(),
    )
    ax.bar_label(bars_, labels=[formatter(v) for v in steps["height"]], label_type="center")
    # Connectors: the running total carries over from one bar to the next.
    ax.hlines(
        steps["top"].iloc[:-1],
        np.arange(len(steps) - 1) - 0.4,
        np.arange(1, len(steps)) + 0.4,
        colors="grey",
        linewidth=0.8,
    )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel="", ylabel=ylabel)
    fig.tight_layout()
    return fig, ax


def diverging_stacked(
    table: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    formatter=fmt.signed,
    net_label: str = "Netto",
):
    """Horizontal bars per row of `table` (index = groups, columns = effects): positive
    effects stack to the right of 0, negative ones to the left, and a marker shows the row's
    net sum. Returns (fig, ax)."""
    values = table.to_numpy(dtype=float)
    positive, negative = np.clip(values, 0, None), np.clip(values, None, 0)
    left = np.where(
        values >= 0, positive.cumsum(axis=1) - positive, negative.cumsum(axis=1) - negative
    )
    rows = np.arange(len(table))
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(table) + 2))
    for i, column in enumerate(table.columns):
        ax.barh(rows, values[:, i], left=left[:, i], label=str(column))
    ax.scatter(values.sum(axis=1), rows, marker="D", color="black", zorder=3, label=net_label)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(rows, [str(label) for label in table.index])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel=xlabel, ylabel="")
    ax.legend(title="", loc="center left", bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    return fig, ax


def control_chart(
    chart: pd.DataFrame,
    *,
    title: str,
    ylabel: str,
    labels=None,
    formatter=fmt.number,
    reference: float | None = None,
    reference_label: str = "",
    volume: pd.Series | None = None,
    volume_label: str = "",
):
    """A control chart from process_control.individuals_chart: the values, the centre line,
    the ±3σ limits and the signals (red), optionally a norm line (`reference`, e.g. the legal
    term) and, in a panel below, the volume per period. `labels` name the periods on the x-axis
    (default: the index). Returns (fig, axes)."""
    positions = np.arange(len(chart))
    ticks = [str(label) for label in (chart.index if labels is None else labels)]
    panels = 1 if volume is None else 2
    fig, axes = plt.subplots(
        panels, 1, sharex=True, squeeze=False, figsize=(9, 4.5 + 1.5 * (panels - 1)),
        gridspec_kw={"height_ratios": [3, 1][:panels]},
    )  # fmt: skip
    ax = axes[0, 0]
    ax.plot(positions, chart["waarde"], marker="o", color="#0072b2", label=ylabel)
    ax.plot(positions, chart["gemiddelde"], color="grey", label="gemiddelde")
    ax.plot(positions, chart["bovengrens"], color="#d55e00", linestyle="--", label="± 3σ")
    ax.plot(positions, chart["ondergrens"], color="#d55e00", linestyle="--")
    signals = chart["signaal"].to_numpy()
    ax.scatter(positions[signals], chart["waarde"][signals], s=90, color="#d55e00", zorder=3,
               label="signaal")  # fmt: skip
    if reference is not None:
        ax.axhline(reference, color="black", linestyle=":", label=reference_label)
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, ylabel=ylabel)
    ax.legend(title="", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    if volume is not None:
        low = axes[1, 0]
        low.bar(positions, volume.to_numpy(), color="#999999")
        low.yaxis.set_major_formatter(fmt.axis_formatter(fmt.number))
        low.set(ylabel=volume_label)
    axes[-1, 0].set_xticks(positions, ticks, rotation=45, ha="right")
    fig.tight_layout()
    return fig, axes[:, 0]


def show() -> None:
    """Render the current figures without printing an object repr (nbval compares text)."""
    plt.show()


def facet_bars(
    data: pd.DataFrame,
    x: str,
    y: str,
    hue: str,
    col: str,
    *,
    title: str,
    ylabel: str,
    formatter=fmt.number,
):
    """One bar panel per value of `col` (own y-axis each), bars grouped by `hue`."""
    grid = sns.catplot(
        data=data.assign(**{x: data[x].astype(str)}),
        x=x,
        y=y,
        hue=hue,
        col=col,
        kind="bar",
        errorbar=None,
        palette=colours(data[hue]),
        sharey=False,
        height=3.6,
        aspect=0.85,
    )
    for ax in grid.axes.flat:
        ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
        ax.axhline(0, color="black", linewidth=0.8)
    grid.set_axis_labels("", ylabel)
    grid.set_titles("{col_name}")
    grid.legend.set_title("")
    grid.figure.suptitle(title, fontweight="bold", y=1.03)
    return grid


def trend_lines(
    data: pd.DataFrame, x: str, y: str, hue: str, *, title: str, ylabel: str, formatter=fmt.number
):
    """Observed values (markers) with the fitted trend and its confidence band per `hue`;
    `data` comes from `helpers.methods.trend.fitted` (columns trend, band_laag, band_hoog)."""
    fig, ax = plt.subplots()
    palette = dict(zip(data[hue].unique(), sns.color_palette(PALETTE), strict=False))
    sns.scatterplot(data=data, x=x, y=y, hue=hue, palette=palette, ax=ax, s=50)
    sns.lineplot(data=data, x=x, y="trend", hue=hue, palette=palette, ax=ax, legend=False)
    for name, group in data.groupby(hue, sort=False):
        ax.fill_between(
            group[x], group["band_laag"], group["band_hoog"], color=palette[name], alpha=0.15
        )
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel="", ylabel=ylabel)
    ax.legend(title="")
    fig.tight_layout()
    return fig, ax


MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
FAVOURABLE_TEXT = {"hoger": "hoger is gunstiger", "lager": "lager is gunstiger"}


def index_dots(
    data: pd.DataFrame,
    *,
    index: str = "index",
    indicator: str = "indicator",
    group: str = "groep",
    favourable: str | None = None,
    title: str,
    xlabel: str = "index (vergelijkingsgroep = 100)",
):
    """Dot plot of indices: index on x, one row per indicator, one marker shape per group, a line
    at 100 (the group's level). Within a row the groups are set a little apart, so groups with
    (nearly) the same index stay visible. `favourable` names a column 'hoger'/'lager' whose
    direction is written under the indicator's name. Rows without an index are left out."""
    shown = data.dropna(subset=[index])
    names = shown[indicator]
    if favourable is not None:
        direction = shown[favourable].map(FAVOURABLE_TEXT)
        names = names.where(direction.isna(), names + " (" + direction + ")")
    # Long indicator names are wrapped and the legend sits under the chart, so many groups and
    # long names still leave the axes room (beside the chart they squeezed it to nothing).
    names = names.map(lambda s: textwrap.fill(s, 45))
    rows = pd.Index(names.unique())
    groups = pd.Index(shown[group].unique())
    rank = names.groupby(names).cumcount()
    in_row = names.groupby(names).transform("size")
    position = rows.get_indexer(names) + 0.3 * (rank - (in_row - 1) / 2)
    lines = int(rows.str.count("\n").to_numpy().sum()) + len(rows)
    height = max(3.0, 0.3 * lines + 0.3 * -(-len(groups) // 2) + 1.8)
    fig, ax = plt.subplots(figsize=(11, height), layout="constrained")
    sns.scatterplot(
        x=shown[index].to_numpy(),
        y=position,
        hue=shown[group].to_numpy(),
        style=shown[group].to_numpy(),
        markers=dict(zip(groups, MARKERS * (len(groups) // len(MARKERS) + 1), strict=False)),
        s=70,
        ax=ax,
    )
    ax.axvline(100, color="black", linewidth=1)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.set_major_formatter(fmt.axis_formatter(fmt.number))
    ax.set(title=title, xlabel=xlabel, ylabel="")
    handles, labels = ax.get_legend_handles_labels()
    ax.get_legend().remove()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False)
    return fig, ax


def distribution_by_year(
    data: pd.DataFrame,
    x: str,
    y: str,
    highlight: pd.Series,
    *,
    title: str,
    ylabel: str,
    label: str,
    formatter=fmt.number,
):
    """Every gemeente's value per year as a box (median, quartiles, whiskers at 1,5 × the
    interquartile range) with the points beyond, and one gemeente (``highlight``, a boolean mask
    on ``data``) as a red marker per year; a line at 0."""
    years = sorted(data[x].unique())
    fig, ax = plt.subplots()
    ax.boxplot(
        [data.loc[data[x] == year, y].dropna() for year in years],
        positions=range(len(years)),
        widths=0.6,
        flierprops={"markersize": 3, "alpha": 0.5},
        medianprops={"color": "black"},
    )
    own = data[highlight]
    ax.scatter(
        [years.index(year) for year in own[x]], own[y], color="red", s=60, zorder=3, label=label
    )
    ax.axhline(0, color="grey", linewidth=1)
    ax.set_xticks(range(len(years)), [str(year) for year in years])
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel="", ylabel=ylabel)
    ax.legend(loc="upper right")
    fig.tight_layout()
    return fig, ax


def funnel_plot(
    data: pd.DataFrame,
    curve: pd.DataFrame,
    p0: float,
    highlight: str,
    *,
    title: str,
    xlabel: str,
):
    """A funnel plot: every unit's rate (``waarde``, a fraction) against its denominator ``n``
    on a log axis, the reference rate and the 95% and 99,8% limits of ``funnel.curve``, the unit
    ``highlight`` (an index value of ``data``) marked. Rates are shown as Dutch percentages."""
    fig, ax = plt.subplots(figsize=(9, 5))
    shown = data.dropna(subset=["waarde", "n"])
    ax.scatter(shown["n"], shown["waarde"], s=12, color="#999999", label="gemeenten")
    for tag, style, label in (("95", "--", "95%-grenzen"), ("998", ":", "99,8%-grenzen")):
        ax.plot(curve["n"], curve[f"hoog_{tag}"], color="#0072b2", linestyle=style, label=label)
        ax.plot(curve["n"], curve[f"laag_{tag}"], color="#0072b2", linestyle=style)
    ax.axhline(p0, color="black", linewidth=1, label="Nederland")
    if highlight in shown.index:
        row = shown.loc[highlight]
        ax.scatter([row["n"]], [row["waarde"]], s=90, color="#d55e00", zorder=3, label=row["naam"])
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(fmt.axis_formatter(fmt.number))
    ax.xaxis.set_minor_locator(NullLocator())  # no ticks between the powers of ten
    ax.yaxis.set_major_formatter(fmt.axis_formatter(lambda y: fmt.percent(y * 100)))
    ax.set(title=title, xlabel=xlabel, ylabel="")
    ax.legend(title="", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    # fixed margins instead of tight_layout: the layout pass costs more than the drawing here,
    # and the notebook draws five of these for every gemeente
    fig.subplots_adjust(left=0.09, right=0.76, top=0.92, bottom=0.12)
    return fig, ax
