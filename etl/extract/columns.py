"""Find the columns that hold the indicator, district, period and value in a header row.

A declared name (``[sources.columns]``) must be present; an undeclared one is
looked up among the usual Turkish and English headers, compared loosely
(``"İLÇE"``, ``"ilce"`` and ``"Ilce"`` are the same header).

A column the file repeats is refused rather than half read (the second
``value`` column was ignored): the header that names a column twice, or that
has two value columns (``değer`` and ``value``) when none is declared, fails
the file naming the line and the columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.extract.errors import WrongColumns
from etl.sources import Columns
from etl.turkish import loose_key

ROLES = ("indicator", "district", "period", "value")
USUAL_HEADERS: dict[str, tuple[str, ...]] = {
    "indicator": (
        "indicator",
        "indicator code",
        "indicator_code",
        "gösterge",
        "gösterge kodu",
        "gösterge no",
        "kod",
        "code",
    ),
    "district": (
        "district",
        "district code",
        "district_code",
        "district name",
        "area",
        "area code",
        "area_code",
        "ilçe",
        "ilçe kodu",
        "ilçe adı",
        "ilçeler",
        "il/ilçe",
        "yer",
        "birim",
    ),
    "period": ("period", "dönem", "yıl", "year", "tarih", "date", "zaman", "time"),
    "value": ("value", "değer", "miktar", "amount", "sayı", "oran"),
    "province": ("province", "il", "il adı", "province name"),
}


@dataclass(frozen=True)
class ColumnPlan:
    """Positions in the header of each role; ``value_columns`` maps positions to indicator codes."""

    header: tuple[str, ...]
    positions: dict[str, int]
    value_columns: dict[int, str]
    province: int | None

    def name(self, role: str) -> str:
        position = self.positions.get(role)
        return self.header[position] if position is not None else role


def header_keys(header: list[str]) -> list[str]:
    return [loose_key(str(cell or "")) for cell in header]


def find_position(keys: list[str], declared: str | None, role: str) -> int | None:
    if declared is not None:
        wanted = loose_key(declared)
        return keys.index(wanted) if wanted in keys else None
    for usual in USUAL_HEADERS[role]:
        key = loose_key(usual)
        if key in keys:
            return keys.index(key)
    return None


def plan_columns(header: list[str], columns: Columns) -> tuple[ColumnPlan | None, list[str]]:
    """Match a header row; return the plan, or None and the missing columns."""
    keys = header_keys(header)
    missing: list[str] = []
    positions: dict[str, int] = {}
    value_columns: dict[int, str] = {}
    for column, code in columns.value_columns.items():
        position = find_position(keys, column, "value")
        if position is None:
            missing.append(f"{column!r}")
        else:
            value_columns[position] = code
    needed = ["period", "district"]
    if not columns.value_columns:
        needed.append("value")
        if columns.indicator_code is None:
            needed.append("indicator")
    for role in needed:
        declared = getattr(columns, role)
        position = find_position(keys, declared, role)
        if position is not None:
            positions[role] = position
        elif declared is not None or role != "district":  # without a district column every row is the province
            missing.append(repr(declared) if declared else f"{role} ({' / '.join(USUAL_HEADERS[role][:4])})")
    province = None
    if columns.province is not None:
        province = find_position(keys, columns.province, "province")
        if province is None:
            missing.append(repr(columns.province))
    if missing:
        return None, missing
    return ColumnPlan(tuple(str(cell or "") for cell in header), positions, value_columns, province), []


def repeated_columns(header: list[str], columns: Columns, plan: ColumnPlan) -> str:
    """The header's columns that a role would read twice, as ``'value' (columns 4 and 5)``; '' when none."""
    keys = header_keys(header)
    value_keys = {loose_key(usual) for usual in USUAL_HEADERS["value"]}
    found: list[str] = []
    chosen = [*plan.positions.items(), *(("value", position) for position in plan.value_columns)]
    for role, position in chosen:
        if role == "value" and columns.value is None and not columns.value_columns:
            same = [index for index, key in enumerate(keys) if key in value_keys]
        else:
            same = [index for index, key in enumerate(keys) if key == keys[position]]
        if len(same) > 1:
            names = " and ".join(repr(str(header[index])) for index in same)
            numbers = " and ".join(str(index + 1) for index in same)
            found.append(f"{names} (columns {numbers})")
    return "; ".join(dict.fromkeys(found))


def require_columns(
    candidates: list[tuple[int, list[str]]], columns: Columns, file_name: str, where: str = "line"
) -> tuple[int, ColumnPlan]:
    """The first candidate header row that has every needed column, or :class:`ExtractError`."""
    first_missing: list[str] = []
    for line_number, header in candidates:
        plan, missing = plan_columns(header, columns)
        if plan is not None:
            repeated = repeated_columns(header, columns, plan)
            if repeated:
                raise WrongColumns(
                    f"{file_name}: {where} {line_number}: repeated columns: {repeated}; name the column to read "
                    "in [sources.columns] of sources.toml, or remove the other"
                )
            return line_number, plan
        if not first_missing:
            first_missing = missing
    found = ", ".join(repr(cell) for cell in candidates[0][1] if str(cell or "").strip()) if candidates else ""
    raise WrongColumns(
        f"{file_name}: wrong columns: missing {', '.join(first_missing)} (found {found or 'nothing'} "
        f"on {where} {candidates[0][0] if candidates else 1}); name the columns in "
        "[sources.columns] of sources.toml"
    )
