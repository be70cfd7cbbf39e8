"""One seaborn house style for every chart, with Dutch number formats and labels."""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import NullLocator

from helpers.display import fmt

PALETTE = "colorblind"


def setup() -> None:
    """Apply the house style for charts and tables; call once at the top of a notebook."""
    pd.set_option("display.max_colwidth", None)  # explanations in tables are read in full
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
    plt.rcParams.update({"figure.figsize": (9, 4.5), "figure.dpi": 100, "axes.titleweight": "bold"})


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
    fig, ax = plt.subplots()
    sns.barplot(
        data=data, x=x, y=y, hue=hue, ax=ax, errorbar=None, orient="h" if horizontal else "v"
    )
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if label_bars:
        for container in ax.containers:
            ax.bar_label(container, labels=[formatter(v) for v in container.datavalues], fontsize=8)
    if hue is not None:
        ax.legend(title="")
    fig.tight_layout()
    return fig, ax


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
    fig, ax = plt.subplots()
    sns.lineplot(
        data=data.assign(**{x: data[x].astype(str)}),
        x=x,
        y=y,
        hue=hue,
        marker="o",
        ax=ax,
        errorbar=None,
    )
    ax.yaxis.set_major_formatter(fmt.axis_formatter(formatter))
    ax.set(title=title, xlabel="", ylabel=ylabel)
    if hue is not None:
        ax.legend(title="")
    fig.tight_layout()
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
        markersize=8, ax=ax, errorbar=None, sort=True,
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


def index_dots(
    data: pd.DataFrame,
    *,
    index: str = "index",
    indicator: str = "indicator",
    group: str = "groep",
    title: str,
    xlabel: str = "index (vergelijkingsgroep = 100)",
):
    """Dot plot of indices: index on x, one row per indicator, one marker per group, a line at
    100 (the group's level). Rows without an index are left out of the chart."""
    shown = data.dropna(subset=[index])
    # Long indicator names are wrapped and the legend sits under the chart, so many groups and
    # long names still leave the axes room (beside the chart they squeezed it to nothing).
    shown = shown.assign(**{indicator: shown[indicator].map(lambda s: textwrap.fill(s, 45))})
    groups = shown[group].nunique()
    lines = shown[indicator].drop_duplicates().str.count("\n").sum() + shown[indicator].nunique()
    height = max(3.0, 0.3 * lines + 0.3 * -(-groups // 2) + 1.8)
    fig, ax = plt.subplots(figsize=(11, height), layout="constrained")
    sns.scatterplot(data=shown, x=index, y=indicator, hue=group, style=group, s=70, ax=ax)
    ax.axvline(100, color="black", linewidth=1)
    ax.xaxis.set_major_formatter(fmt.axis_formatter(fmt.number))
    ax.set(title=title, xlabel=xlabel, ylabel="")
    handles, labels = ax.get_legend_handles_labels()
    ax.get_legend().remove()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False)
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
