"""The assumptions register: every assumption and caveat the calculations rest on, in one list.

A module states its assumptions where they are made, as a module-level ``ASSUMPTIONS`` tuple of
:class:`Assumption`; the recorded public datasets add the caveats of their descriptors.
``python -m helpers.assumptions`` writes ``AANNAMES.md``; a test fails when the committed file
differs from what the code says, so the register cannot go stale.
"""

import importlib
import pkgutil
from dataclasses import dataclass

import helpers
from helpers import paths

REGISTER = paths.ROOT / "AANNAMES.md"


@dataclass(frozen=True)
class Assumption:
    """One row of AANNAMES.md, declared in a module's ``ASSUMPTIONS``: what it is about, the
    assumption the code makes, why it is made, and what follows from it for the reader (empty
    when nothing does). The fields are Dutch, as the columns of the register they fill."""

    onderwerp: str
    aanname: str
    waarom: str
    gevolg: str = ""


def collected() -> dict[str, tuple[Assumption, ...]]:
    """Per module (dotted name) the assumptions it declares, in module order."""
    found = {}
    for info in sorted(pkgutil.walk_packages(helpers.__path__, "helpers."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        declared = getattr(module, "ASSUMPTIONS", ())
        if declared:
            found[info.name] = tuple(declared)
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    from helpers.data import external

    lines = [
        "# Aannames en kanttekeningen",
        "",
        "<!-- Gegenereerd door `python -m helpers.assumptions`; niet met de hand bewerken. -->",
        "",
        "Alles waar de berekeningen op rusten en wat een lezer moet weten om de uitkomsten te wegen:",
        "per module de aannames die de code maakt, en per vastgelegde externe dataset de",
        "kanttekeningen uit de beschrijving. Een aanname wijzigen betekent de code wijzigen; dit",
        "register volgt vanzelf.",
    ]
    for module, assumptions in collected().items():
        lines += [
            "",
            f"## `{module}`",
            "",
            "| onderwerp | aanname | waarom | gevolg |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(a.onderwerp)} | {_cell(a.aanname)} | {_cell(a.waarom)} | {_cell(a.gevolg)} |"
            for a in assumptions
        ]
    lines += ["", "## Vastgelegde externe data", "", "| dataset | kanttekening |", "|---|---|"]
    for snapshot in external.snapshots().values():
        lines += [
            f"| {_cell(snapshot.title)} ({snapshot.table}) | {_cell(c)} |" for c in snapshot.caveats
        ]
    return "\n".join(lines) + "\n"


def write() -> None:
    REGISTER.write_text(markdown(), encoding="utf-8")
    print(f"Geschreven: {REGISTER.relative_to(paths.ROOT)}")


if __name__ == "__main__":
    write()
