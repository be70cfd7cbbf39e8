"""Personal identifiers that must never reach the analysis: BSNs and names of persons.

BSN. A burgerservicenummer has 9 digits (8 when a leading zero was lost) and passes the
elfproef: 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − d9 is a multiple of 11. One
in 11 arbitrary 9-digit numbers passes by chance as well (base rate 1/11 ≈ 9,1%), so a single
passing value proves nothing, but a share well above the base rate does. A column is refused
when at least BSN_SHARE = 20% of its distinct values pass, counting prefixed (`BSN123456782`)
and grouped (`1234.56.782`, `123 456 782`) forms. Why 20%: for n random ids the passing share is
9,1% give or take sqrt(0,091 · 0,909 / n); 20% lies 3,8 of those standard deviations above the
base rate at n = 100 distinct values and 12 at n = 1.000, so random 9-digit pseudonyms do not
reach it, while a column in which 12% of the values are real BSNs does (0,12 + 0,88 / 11 = 0,20).

Names. A column is refused when its name says it holds names (naam, voornaam, achternaam, …) or
when at least NAME_SHARE = 30% of its distinct values are written like a person's name:
`J. de Vries`, `A.B. Jansen`, `Vries, Jan de`, `Jan de Vries`; in an id column (client_id,
arrangement_id), where no value should consist of words at all, also `Jan Jansen`. Provider
and neighbourhood columns (aanbieder, wijk) are not searched for names: organisations and
places are written the same way.

No message ever contains a value of the column: only its name and what to do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BSN_NAME_PARTS = ("bsn", "burgerservicenummer", "sofinummer", "sofi_nummer")
BSN_SHARE = 0.2
NAME_COLUMNS = (
    "naam",
    "voornaam",
    "voornamen",
    "achternaam",
    "roepnaam",
    "voorletters",
    "geboortenaam",
    "naam_client",
    "clientnaam",
    "cliëntnaam",
    "name",
    "first_name",
    "last_name",
)
NAME_SHARE = 0.3
ID_COLUMNS = ("client_id", "arrangement_id")

_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+)*"
_PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|in|op|'t|el|al|la|le|du|da|di|dos|von|zu)"
# Spaces as " " (not \s) and digits as [0-9] (not \d): pandas then runs the patterns in Arrow.
_INITIALS = r"(?:[A-Z][.] ?)+"
PERSON_NAME = (
    rf"{_WORD}(?: +{_PARTICLE})+ +{_WORD}"  # Jan de Vries
    rf"|{_INITIALS} *(?:{_PARTICLE} +)*{_WORD}"  # J. de Vries, A.B. Jansen
    rf"|{_WORD}, *(?:{_WORD}|{_INITIALS})(?: +{_PARTICLE})*"  # Vries, Jan de
)
WORDS = rf"{_WORD}(?: +(?:{_PARTICLE} +)*{_WORD})+"  # Jan Jansen (id columns only)

REFUSE = "Lever alleen gepseudonimiseerde gegevens aan (client_id, nooit een BSN of naam)."


def bsn_digits(values: pd.Series) -> pd.Series:
    """The 9 digits a value would have as a BSN (8-digit values padded with a zero), after
    removing a letter prefix and grouping dots, spaces or hyphens; missing where it has not
    8 or 9 digits."""
    text = values.astype("str").str.strip()
    text = text.str.replace(r"^[A-Za-z]{1,5}[ :#_-]*", "", regex=True)
    text = text.str.replace(r"[. -]", "", regex=True)
    return text.where(text.str.fullmatch(r"[0-9]{8,9}")).str.zfill(9)


def passes_elfproef(values: pd.Series) -> pd.Series:
    """True where a value, read as by bsn_digits, passes the BSN elfproef (and is not 0)."""
    digits = bsn_digits(values)
    candidate = digits.notna().to_numpy()
    numbers = digits[candidate].astype("int64").to_numpy()
    matrix = numbers[:, None] // 10 ** np.arange(8, -1, -1) % 10
    valid = (matrix @ np.array([9, 8, 7, 6, 5, 4, 3, 2, -1]) % 11 == 0) & (numbers > 0)
    result = np.zeros(len(values), dtype=bool)
    result[candidate] = valid
    return pd.Series(result, index=values.index)


def identifier_problem(
    column: str, key: str, distinct: pd.Series, search_names: bool
) -> str | None:
    """Why column (its name as in the file; key: as matched against the contract) must be
    refused, or None. distinct: its distinct non-missing values."""
    if any(part in key for part in BSN_NAME_PARTS):
        return f"kolom '{column}' lijkt naar haar naam burgerservicenummers te bevatten. {REFUSE}"
    if key in NAME_COLUMNS:
        return f"kolom '{column}' lijkt naar haar naam namen van personen te bevatten. {REFUSE}"
    if not len(distinct):
        return None
    share = passes_elfproef(distinct).mean()
    if share >= BSN_SHARE:
        return (
            f"in kolom '{column}' halen {share:.0%} van de verschillende waarden de elfproef "
            f"van het burgerservicenummer (bij willekeurige nummers is dat 1 op 11, de grens is "
            f"{BSN_SHARE:.0%}); de kolom lijkt burgerservicenummers te bevatten. {REFUSE}"
        )
    if search_names:
        pattern = f"{PERSON_NAME}|{WORDS}" if key in ID_COLUMNS else PERSON_NAME
        text = distinct.astype("str").str.strip()
        names = text.str.contains(r"[ ,.]", regex=True) & text.str.fullmatch(pattern)
        if names.mean() >= NAME_SHARE:
            return (
                f"in kolom '{column}' zijn {names.mean():.0%} van de verschillende waarden "
                f"geschreven als de naam van een persoon (grens {NAME_SHARE:.0%}). {REFUSE} "
                "Is het een kolom die de analyse niet nodig heeft, verwijder haar dan uit de "
                "export."
            )
    return None
