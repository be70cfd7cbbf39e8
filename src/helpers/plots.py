"""One seaborn house style for every chart, with Dutch number formats and labels."""

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from helpers import fmt

PALETTE = "colorblind"


def setup() -> None:
    """Apply the house style; call once at the top of a notebook."""
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


def show() -> None:
    """Render the current figures without printing an object repr (nbval compares text)."""
    plt.show()
