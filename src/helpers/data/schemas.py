"""pandera schemas built from the field lists of the published-data descriptors."""

import pandas as pd
import pandera.pandas as pa

_DTYPES = {
    "string": str,
    "integer": "int64",
    "number": "float64",
    "boolean": "bool",
    "date": "datetime64[ns]",
}


class PublishedDataError(ValueError):
    """A published table does not match its descriptor."""


def _checks(constraints: dict) -> list[pa.Check]:
    checks = []
    if "enum" in constraints:
        checks.append(pa.Check.isin(constraints["enum"]))
    if "minimum" in constraints:
        checks.append(pa.Check.ge(constraints["minimum"]))
    if "maximum" in constraints:
        checks.append(pa.Check.le(constraints["maximum"]))
    return checks


def _column(field: dict) -> pa.Column:
    constraints = field.get("constraints", {})
    required = constraints.get("required", False)
    dtype = _DTYPES[field["type"]]
    if field["type"] == "integer" and not required:
        dtype = "Int64"
    if field["type"] == "boolean":
        return pa.Column(
            dtype,
            parsers=pa.Parser(lambda s: s.str.lower().map({"true": True, "false": False})),
            nullable=not required,
        )
    return pa.Column(dtype, checks=_checks(constraints), nullable=not required, coerce=True)


class _Schema:
    """A pandera schema whose errors name the file, the row and the column."""

    def __init__(self, schema: pa.DataFrameSchema, source: str):
        self.schema = schema
        self.source = source

    def validate(self, df: pd.DataFrame) -> pd.DataFrame:
        try:
            return self.schema.validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            raise PublishedDataError(_describe(exc.failure_cases, self.source)) from None


def _describe(failures: pd.DataFrame, source: str) -> str:
    lines = []
    for case in failures.head(20).itertuples():
        row = "" if pd.isna(case.index) else f"rij {int(case.index) + 2} (regel in het bestand), "
        column = "" if pd.isna(case.column) else f"kolom '{case.column}', "
        lines.append(f"{source}: {row}{column}waarde {case.failure_case!r}: {case.check}")
    more = len(failures) - 20
    if more > 0:
        lines.append(f"… en nog {more} fouten")
    return "\n".join(lines)


def for_resource(resource: dict, source: str) -> _Schema:
    fields = resource["schema"]["fields"]
    schema = pa.DataFrameSchema(
        {f["name"]: _column(f) for f in fields},
        strict=True,
        ordered=True,
        name=resource["name"],
    )
    return _Schema(schema, source)
