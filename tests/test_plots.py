"""Bar positions of the waterfall and the diverging stacked chart, worked out by hand."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from helpers.display import plots

# Effects +3, −1, +2: bars float 0→3, 3→2, 2→4; the total bar runs 0→4.
EFFECTS = pd.Series({"volume": 3.0, "stapeling": -1.0, "mix": 2.0})


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def bar_extents(ax, horizontal=False):
    """(start, end) of each bar along the value axis, in drawing order."""
    if horizontal:
        return [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches]
    return [(p.get_y(), p.get_y() + p.get_height()) for p in ax.patches]


def test_waterfall_steps_run_from_the_previous_total():
    steps = plots.waterfall_steps(EFFECTS, total_label="Totaal")
    assert steps["label"].to_list() == ["volume", "stapeling", "mix", "Totaal"]
    assert steps["bottom"].to_list() == [0.0, 3.0, 2.0, 0.0]
    assert steps["top"].to_list() == [3.0, 2.0, 4.0, 4.0]
    assert steps["kind"].to_list() == ["stijging", "daling", "stijging", "totaal"]


def test_waterfall_draws_floating_bars_and_the_total():
    fig, ax = plots.waterfall(EFFECTS, title="t", ylabel="€ mln")
    assert [tuple(sorted(e)) for e in bar_extents(ax)] == [(0, 3), (2, 3), (2, 4), (0, 4)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["volume", "stapeling", "mix", "Totaal"]
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["+3,0", "−1,0", "+2,0", "+4,0"]
    # A fall is coloured differently from a rise, and the total differs from both.
    colours = [p.get_facecolor() for p in ax.patches]
    assert colours[0] == colours[2] != colours[1] != colours[3] != colours[0]


def test_waterfall_total_of_a_net_fall_is_negative():
    steps = plots.waterfall_steps(pd.Series({"a": -2.0, "b": 0.5}))
    assert steps.iloc[-1][["bottom", "top"]].to_list() == [0.0, -1.5]


def test_diverging_stacked_splits_rises_and_falls_around_zero():
    # Row A: +2, −1, +3 -> rises 0→2 and 2→5, fall 0→−1, net +4.
    # Row B: −2, −1, +1 -> falls 0→−2 and −2→−3, rise 0→1, net −2.
    table = pd.DataFrame(
        {"volume": [2.0, -2.0], "mix": [-1.0, -1.0], "prijs": [3.0, 1.0]}, index=["A", "B"]
    )
    fig, ax = plots.diverging_stacked(table, title="t", xlabel="€ mln")
    extents = [tuple(sorted(e)) for e in bar_extents(ax, horizontal=True)]
    # barh draws one column at a time: volume (A, B), mix (A, B), prijs (A, B).
    assert extents == [(0, 2), (-2, 0), (-1, 0), (-3, -2), (2, 5), (0, 1)]
    net = ax.collections[0].get_offsets()
    np.testing.assert_allclose(np.asarray(net), [[4.0, 0.0], [-2.0, 1.0]])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Netto", "volume", "mix", "prijs"]


def test_index_dots_keeps_long_labels_and_many_groups_readable():
    import warnings

    names = [
        f"cliëntervaring Wmo: stelling nummer {i} over de kwaliteit van de hulp" for i in range(12)
    ]
    data = pd.DataFrame(
        {
            "indicator": names * 8,
            "groep": [f"vergelijkingsgroep {g}" for g in range(8) for _ in names],
            "index": np.linspace(60, 270, 96),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plots.index_dots(data, title="test")
        fig.canvas.draw()
    assert ax.get_position().height > 0.3
    assert all(len(line) <= 45 for t in ax.get_yticklabels() for line in t.get_text().split("\n"))
    assert len(fig.legends[0].get_texts()) == 8
    plt.close(fig)


def test_index_dots_sets_equal_indices_apart_and_names_the_favourable_side():
    data = pd.DataFrame(
        {
            "indicator": ["werkzame beroepsbevolking"] * 2 + ["jeugdhulpgebruik"],
            "groep": ["laagste", "hoogste", "laagste"],
            "index": [89.0, 89.0, 148.0],
            "gunstig": ["hoger", "hoger", ""],
        }
    )
    fig, ax = plots.index_dots(data, favourable="gunstig", title="test")
    points = np.concatenate([c.get_offsets() for c in ax.collections])
    same_row = points[points[:, 0] == 89.0]
    assert len(same_row) == 2 and same_row[0, 1] != same_row[1, 1]  # not on top of each other
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].replace("\n", " ") == "werkzame beroepsbevolking (hoger is gunstiger)"
    assert labels[1] == "jeugdhulpgebruik"
    plt.close(fig)


def test_concept_of_a_label_ignores_case_year_and_further_words():
    assert plots.concept("realisatie 2018") == "realisatie"
    assert plots.concept("Begroting Participatie totaal") == "begroting"
    assert plots.concept("Wmo excl. BW") == "wmo"
    assert plots.concept("Sociaal domein") == "sociaal domein"
    assert plots.concept("2017") == "realisatie"
    assert plots.concept("begrotingswijziging") is None
    assert plots.concept("plaatsingen bij werkgevers") is None


def test_one_colour_per_concept_with_shades_for_several_labels_of_one_concept():
    one = plots.colours(["begroting", "lasten"])
    other = plots.colours(["lasten", "prognose 2018", "begroting"])
    assert one["begroting"] == other["begroting"] == plots.CONCEPT_COLOURS["begroting"]
    assert one["lasten"] == other["lasten"] == plots.CONCEPT_COLOURS["realisatie"]
    years = plots.colours(["realisatie 2017", "prognose 2018", "realisatie 2018"])
    assert years["realisatie 2018"] == plots.CONCEPT_COLOURS["realisatie"]
    assert years["realisatie 2017"] not in set(plots.CONCEPT_COLOURS.values())
    free = plots.colours(["plaatsingen bij werkgevers", "plaatsingen door Podium24"])
    assert len(set(free.values())) == 2
    assert not set(free.values()) & set(plots.CONCEPT_COLOURS.values())


def test_bars_use_the_concept_colours_and_keep_the_legend_off_the_axes():
    data = pd.DataFrame(
        {"pijler": ["Jeugd", "Jeugd"], "grootheid": ["begroting", "lasten"], "waarde": [1.0, 2.0]}
    )
    fig, ax = plots.bars(data, x="pijler", y="waarde", hue="grootheid", title="t", ylabel="€ mln")
    faces = [to_hex(p.get_facecolor()) for p in ax.patches if p.get_height() > 0]
    assert faces == [plots.CONCEPT_COLOURS["begroting"], plots.CONCEPT_COLOURS["realisatie"]]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    assert ax.get_legend() is None
    assert legend.y1 <= ax.get_window_extent(renderer).y0  # under the axes: it cannot cover a bar


def test_bars_two_scales_puts_large_and_small_categories_on_their_own_axis():
    data = pd.DataFrame(
        {
            "post": ["groot", "groot", "klein", "klein"],
            "kolom": ["realisatie 2017", "realisatie 2018"] * 2,
            "waarde": [26.7, 26.5, 0.1, 0.2],
        }
    )
    fig, (top, bottom) = plots.bars_two_scales(
        data, "waarde", "post", "kolom", ["groot"], title="t", xlabel="€ mln"
    )
    assert [t.get_text() for t in top.get_yticklabels()] == ["groot"]
    assert [t.get_text() for t in bottom.get_yticklabels()] == ["klein"]
    assert bottom.get_xlim()[1] < 1 < top.get_xlim()[1]
    assert top.get_legend() is None and bottom.get_legend() is None
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "realisatie 2017",
        "realisatie 2018",
    ]


def test_bars_without_two_hues_in_one_category_are_not_dodged():
    data = pd.DataFrame({"post": ["a", "b"], "blok": ["x", "y"], "verschil": [1.0, -0.5]})
    fig, ax = plots.bars(
        data, x="verschil", y="post", hue="blok", horizontal=True, title="t", ylabel=""
    )
    heights = [p.get_height() for p in ax.patches if p.get_width() != 0]
    assert heights == pytest.approx([0.8, 0.8])  # full width, no empty slot beside each bar
