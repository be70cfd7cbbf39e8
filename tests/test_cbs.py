"""CBS StatLine access: paging, parsing, cache, offline, name→code.

The HTTP session is replaced by a fake; no test touches the network. `RealSession` serves the real
OData v4 responses of 03759ned recorded in data/external/cbs/03759ned_v4_responses/ (the tests at the
end of this file); `InventedSession` serves the invented responses in tests/fixtures/cbs/ (values and
measure codes made up, labelled as such in their README), used for the cache and for tables of
which no real response is recorded.
"""

import json
from pathlib import Path

import pandas as pd
import pytest
import requests

from helpers.data import cbs, external, kerncijfers, statline

FIXTURES = Path(__file__).parent / "fixtures" / "cbs"


class FakeResponse:
    def __init__(self, payload: dict, status: int = 200, url: str = ""):
        self._payload = payload
        self.status_code = status
        self.url = url

    def json(self) -> dict:
        return self._payload

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise requests.HTTPError(response=self)


class InventedSession:
    """Serves ``<BASE_URL>/<table>/<entity>[?$skip=N]`` from the invented fixture files."""

    def __init__(self):
        self.calls: list[tuple[str, dict | None]] = []

    def get(self, url: str, params=None, timeout=None):
        assert timeout is not None, "every request needs a timeout"
        self.calls.append((url, params))
        path = url.removeprefix(cbs.BASE_URL + "/")
        path, _, query = path.partition("?$skip=")
        name = f"{path}.skip{query}.json" if query else f"{path}.json"
        return FakeResponse(json.loads((FIXTURES / name).read_text(encoding="utf-8")), url=url)


class OfflineSession:
    def get(self, url, params=None, timeout=None):
        raise requests.ConnectionError("Name or service not known")


@pytest.fixture
def session():
    return InventedSession()


def test_paging_follows_next_link_and_parses_types(session, tmp_path):
    frame = cbs.fetch("70072ned", {"Perioden": "2019JJ00"}, cache_dir=tmp_path, session=session)
    assert [url for url, _ in session.calls] == [
        f"{cbs.BASE_URL}/70072ned/Observations",
        f"{cbs.BASE_URL}/70072ned/Observations?$skip=3",
    ]
    assert session.calls[0][1] == {"$filter": "Perioden eq '2019JJ00'"}
    assert session.calls[1][1] is None  # the next link carries the query
    assert len(frame) == 7
    # Padded keys are stripped; the string "120000" became a number.
    maastricht = frame[(frame["RegioS"] == "GM0935") & (frame["Measure"] == "M000001")]
    assert maastricht["Value"].tolist() == [120_000.0]
    assert frame["Value"].dtype == "float64"


def test_null_value_keeps_its_value_attribute(session, tmp_path):
    frame = cbs.fetch("85099NED", cache_dir=tmp_path, session=session)
    heerlen = frame[frame["RegioS"] == "GM0917"].iloc[0]
    assert pd.isna(heerlen["Value"]) and heerlen["ValueAttribute"] == "Confidential"


def test_value_that_is_no_number_is_an_error_naming_row_and_column():
    rows = [{"Measure": "M1", "Value": 1}, {"Measure": "M2", "Value": "x"}]
    with pytest.raises(ValueError, match=r"bron: rij 1, kolom Value: 'x'.*M2"):
        cbs.parse(rows, "bron")


def test_second_call_is_served_from_the_cache(session, tmp_path):
    first = cbs.fetch("70072ned", {"Perioden": "2019JJ00"}, cache_dir=tmp_path, session=session)
    calls = len(session.calls)
    second = cbs.fetch(
        "70072ned", {"Perioden": "2019JJ00"}, cache_dir=tmp_path, session=OfflineSession()
    )
    assert len(session.calls) == calls
    pd.testing.assert_frame_equal(first, second)
    sidecars = list((tmp_path / "70072ned").glob("*.json"))
    meta = json.loads(sidecars[0].read_text())
    assert meta["table_id"] == "70072ned"
    assert meta["url"] == f"{cbs.BASE_URL}/70072ned/Observations"
    assert meta["filter"] == "Perioden eq '2019JJ00'" and meta["rows"] == 7
    assert "fetched_at" in meta


def test_refresh_fetches_again(session, tmp_path):
    cbs.fetch("83454NED", cache_dir=tmp_path, session=session)
    cbs.fetch("83454NED", cache_dir=tmp_path, session=session, refresh=True)
    assert len(session.calls) == 2


def test_different_filters_are_cached_separately(tmp_path):
    a = cbs.cache_path(tmp_path, "T", "Observations", cbs.odata_filter({"Perioden": "2019JJ00"}))
    b = cbs.cache_path(tmp_path, "T", "Observations", cbs.odata_filter({"Perioden": "2018JJ00"}))
    assert a != b and a.parent == b.parent == tmp_path / "T"


def test_offline_gives_the_dutch_message(tmp_path):
    with pytest.raises(cbs.CbsOfflineError, match="CBS StatLine is niet bereikbaar.*data/cbs/"):
        cbs.fetch("70072ned", cache_dir=tmp_path, session=OfflineSession())


def test_offline_flag_never_calls_the_network(session, tmp_path):
    with pytest.raises(cbs.CbsCacheMissError, match="70072ned"):
        cbs.fetch("70072ned", cache_dir=tmp_path, session=session, offline=True)
    assert session.calls == []


def test_http_error_is_reported_with_status(tmp_path):
    class Failing:
        def get(self, url, params=None, timeout=None):
            return FakeResponse({}, status=503, url=url)

    with pytest.raises(cbs.CbsOfflineError, match="HTTP 503"):
        cbs.fetch("70072ned", cache_dir=tmp_path, session=Failing())


def test_session_retries_with_backoff_on_server_errors():
    retry = cbs.session_with_retries().get_adapter("https://datasets.cbs.nl").max_retries
    assert retry.total == 4 and retry.backoff_factor == 1.0
    assert {429, 503} <= set(retry.status_forcelist)


def test_odata_filter_ors_codes_of_one_column_and_escapes_quotes():
    text = cbs.odata_filter({"RegioS": ["GM0935", "GM0917"], "Perioden": "2019JJ00"})
    assert text == "Perioden eq '2019JJ00' and (RegioS eq 'GM0935' or RegioS eq 'GM0917')"
    assert cbs.odata_filter({"X": "a'b"}) == "X eq 'a''b'"
    assert cbs.odata_filter({}) is None


@pytest.fixture
def regions(session, tmp_path):
    return cbs.codes("70072ned", "RegioS", cache_dir=tmp_path, session=session)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("Maastricht", "GM0935"),
        ("maastricht ", "GM0935"),
        ("GM0935", "GM0935"),
        ("0935", "GM0935"),
        ("935", "GM0935"),
        ("Utrecht", "GM0344"),
    ],
)
def test_gemeente_name_or_code_to_gm_code(regions, given, code):
    assert cbs.gemeente_code(given, regions) == code


def test_unknown_gemeente_suggests_similar_names(regions):
    with pytest.raises(LookupError, match="Maastrich.*Maastricht"):
        cbs.gemeente_code("Maastrich", regions)
    with pytest.raises(LookupError, match="0999"):
        cbs.gemeente_code("0999", regions)


def test_province_is_not_a_gemeente(regions):
    with pytest.raises(LookupError, match="niet gevonden"):
        cbs.gemeente_code("Limburg (PV)", regions)


def test_unknown_measure_title_lists_available_titles(session, tmp_path):
    measures = cbs.codes("70072ned", "Measure", cache_dir=tmp_path, session=session)
    with pytest.raises(LookupError, match="Totale bevolking"):
        cbs.code_for_title(measures, "Bevolking totaal", "70072ned onderwerp")


def test_year_filter_resolves_titles_to_codes(session, tmp_path):
    filters = cbs.year_filters("wmo", 2019, cache_dir=tmp_path, session=session)
    assert filters == {
        "Perioden": "2019JJ00",
        "Measure": ["M100001"],
        "Persoonskenmerken": "T009",
        "Maatwerkvoorziening": "T001",
    }


def test_indicators_from_cache_hand_computed(session, tmp_path):
    cbs.gemeenten(2019, cache_dir=tmp_path, session=session)  # fills the cache
    result = cbs.indicators("Maastricht", 2019, cache_dir=tmp_path).set_index("indicator")
    waarde = result["waarde"]
    assert waarde["inwoners"] == 120_000
    assert waarde["omgevingsadressendichtheid"] == 2_300
    assert waarde["stedelijkheid"] == 2  # 1 500 <= 2 300 < 2 500: sterk stedelijk
    assert waarde["grootteklasse"] == 6  # 100 000 tot 150 000 inwoners
    # 60 000 (x 1 000 euro) / 120 000 inwoners = 500 euro per inwoner
    assert waarde["kosten jeugdzorg per inwoner"] == pytest.approx(500.0)
    assert waarde["Wmo-cliënten per 1000 inwoners"] == pytest.approx(100.0)  # 12 000 / 120
    assert waarde["bijstandsuitkeringen per 1000 inwoners"] == pytest.approx(5_000 / 120)
    assert waarde["jongeren met jeugdhulp per 1000 inwoners"] == pytest.approx(25.0)


def test_gemeenten_keeps_only_gm_codes_and_secret_cells_as_missing(session, tmp_path):
    frame = cbs.gemeenten(2019, cache_dir=tmp_path, session=session).set_index("gemeente_code")
    assert sorted(frame.index) == ["GM0344", "GM0917", "GM0935"]
    assert frame.loc["GM0344", "gemeente"] == "Utrecht (gemeente)"
    assert pd.isna(frame.loc["GM0917", "jongeren met jeugdhulp per 1000 inwoners"])


def test_indicators_without_cache_names_the_make_target(tmp_path):
    with pytest.raises(cbs.CbsCacheMissError, match="make data-cbs GEMEENTE=Maastricht"):
        cbs.indicators("Maastricht", 2019, cache_dir=tmp_path)


def test_indicators_for_a_year_not_in_the_cache(session, tmp_path):
    cbs.gemeenten(2019, cache_dir=tmp_path, session=session)
    with pytest.raises(cbs.CbsCacheMissError, match="JAAR=2018"):
        cbs.indicators("Maastricht", 2018, cache_dir=tmp_path)


def test_cli_fills_the_cache(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(cbs, "session_with_retries", InventedSession)
    code = cbs.main(
        ["fetch", "--gemeente", "Maastricht", "--jaar", "2019", "--cache", str(tmp_path)]
    )
    assert code == 0
    assert "GM0935" in capsys.readouterr().out
    assert not cbs.indicators("GM0935", 2019, cache_dir=tmp_path).empty


def test_cli_offline_prints_the_dutch_message(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(cbs, "session_with_retries", OfflineSession)
    code = cbs.main(
        ["fetch", "--gemeente", "Maastricht", "--jaar", "2019", "--cache", str(tmp_path)]
    )
    assert code == 1
    assert "CBS StatLine is niet bereikbaar" in capsys.readouterr().err


def test_registry_documents_every_table():
    for key, table in cbs.TABLES.items():
        assert table.id and table.title and table.used_for and table.verified, key
    assert {t.id for t in cbs.TABLES.values()} >= {
        "83454NED",
        "85099NED",
        "85098NED",
        "85097NED",
        "85896NED",
        "82015NED",
        "70072ned",
    }


# --- Real responses: CBS OData v4 of 03759ned, recorded 2026-07-02 -------------------------------


class RealSession:
    """Serves the recorded 03759ned responses. ``page_size`` splits the one recorded
    observations page in two: the same rows, with an ``@odata.nextLink`` added to the first, as
    CBS does for results above its page size."""

    FILES = {"Observations": "observations-page-1.json", "MeasureCodes": "measure-codes.json"}

    def __init__(self, page_size: int | None = None):
        self.page_size = page_size
        self.calls: list[str] = []

    def get(self, url: str, params=None, timeout=None):
        assert timeout is not None
        self.calls.append(url)
        path, _, skip = url.removeprefix(cbs.BASE_URL + "/03759ned/").partition("?$skip=")
        name = self.FILES.get(path) or f"codes-{path.removesuffix('Codes')}.json"
        payload = json.loads(external.path("cbs/03759ned_v4", name).read_text(encoding="utf-8"))
        if path == "Observations" and self.page_size:
            start = int(skip or 0)
            rows = payload["value"][start : start + self.page_size]
            payload = {"value": rows}
            if start + self.page_size < 13_568:
                payload["@odata.nextLink"] = (
                    f"{url.partition('?')[0]}?$skip={start + self.page_size}"
                )
        return FakeResponse(payload, url=url)


def test_real_paging_follows_next_link_until_all_rows(tmp_path):
    session = RealSession(page_size=10_000)
    frame = cbs.fetch("03759ned", cache_dir=tmp_path, session=session)
    assert session.calls == [
        f"{cbs.BASE_URL}/03759ned/Observations",
        f"{cbs.BASE_URL}/03759ned/Observations?$skip=10000",
    ]
    assert len(frame) == 13_568 and frame["Id"].is_unique
    unpaged = cbs.fetch("03759ned", cache_dir=tmp_path / "x", session=RealSession())
    pd.testing.assert_frame_equal(frame, unpaged)


def test_real_observations_measures_periods_and_values(tmp_path):
    frame = cbs.fetch("03759ned", cache_dir=tmp_path, session=RealSession())
    measures = cbs.codes("03759ned", "Measure", cache_dir=tmp_path, session=RealSession())
    code = cbs.code_for_title(measures, "Bevolking op 1 januari", "03759ned onderwerp")
    assert code == "M000352"
    assert set(frame["Measure"]) == {"M000352", "M000365"}
    periods = statline.periods(frame["Perioden"])
    assert sorted(periods["jaar"].unique()) == list(range(2019, 2027))
    assert not periods["voorlopig"].any()
    maastricht = frame[(frame["RegioS"] == "GM0935") & (frame["Measure"] == code)]
    by_year = maastricht.set_index("Perioden")["Value"]
    assert by_year["2021JJ00"] == 120_227  # = a_inw of the Kerncijfers wijken en buurten 2021
    assert by_year["2021JJ00"] == kerncijfers.kwb(2021).loc["GM0935", "inwoners"]


def test_real_period_code_list_has_status_and_year_codes(tmp_path):
    periods = cbs.codes("03759ned", "Perioden", cache_dir=tmp_path, session=RealSession())
    assert periods.set_index("Identifier").loc["2022JJ00", "Title"] == "2022"
    assert set(periods["Status"]) == {"Definitief"}


def test_real_cells_without_value_keep_their_attribute_and_are_missing(tmp_path):
    frame = cbs.fetch("03759ned", cache_dir=tmp_path, session=RealSession())
    empty = frame[frame["ValueAttribute"] == "Impossible"]
    assert len(empty) == 8_165 and empty["Value"].isna().all()
    assert frame.loc[frame["ValueAttribute"] == "None", "Value"].notna().all()
    # a gemeente merged away (Beemster, GM0370) has no population from 2022 on
    beemster = frame[(frame["RegioS"] == "GM0370") & (frame["Measure"] == "M000352")]
    assert beemster.set_index("Perioden")["Value"].loc["2022JJ00":].isna().all()


@pytest.fixture(scope="module")
def real_regions(tmp_path_factory):
    return cbs.codes(
        "03759ned", "RegioS", cache_dir=tmp_path_factory.mktemp("cbs"), session=RealSession()
    )


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("Maastricht", "GM0935"),
        ("'s-Hertogenbosch", "GM0796"),
        ("’s-Hertogenbosch", "GM0796"),
        ("Sudwest-Fryslan", "GM1900"),
        ("Groningen", "GM0014"),  # CBS title "Groningen (gemeente)"; the province is no gemeente
        ("GM0088", "GM0088"),
    ],
)
def test_real_code_list_resolves_names_through_the_one_lookup(real_regions, given, code):
    assert cbs.gemeente_code(given, real_regions) == code


def test_real_code_list_ambiguous_and_unknown_names(real_regions):
    with pytest.raises(LookupError, match=r"niet eenduidig.*Bergen \(L\.\).*Bergen \(NH\.\)"):
        cbs.gemeente_code("Bergen", real_regions)
    with pytest.raises(LookupError, match="niet gevonden.*Maastricht"):
        cbs.gemeente_code("Maastrict", real_regions)
