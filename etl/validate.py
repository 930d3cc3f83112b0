"""Validate extracted rows against a plan: every problem of every row, column-wise.

A *row* is one value: a line of a long file, or one cell of a wide table or of
a file with several value columns. Each row is checked for all of these, and
every problem found is reported with its line, column, written value and
reason (a row can have several):

- the indicator is unknown to the plan;
- the district is unknown, or ambiguous;
- the value is missing, not a number, or an ambiguous number;
- the period cannot be read, lies outside the plan's years (the plan's
  baseline year, or an earlier indicator baseline, up to
  :data:`YEARS_AFTER_PLAN` years past the plan's end), or has not begun yet;
- a district value for a province-level indicator, or for a district where
  the indicator is not measured;
- the value is implausible for the indicator's unit (below the unit's
  minimum, e.g. a negative count, or above its maximum, e.g. 120 %).

Then, among the rows without problems, the same key (indicator, area,
canonical period) given twice:

- with different values: every such row is rejected (the file contradicts
  itself; nothing is guessed);
- with the same value: the first row loads and the repeats count as
  unchanged.

So every row read is loaded, unchanged or rejected, exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.extract.rows import Extracted
from etl.parsing.areas import DISTRICT, PROVINCE, Area, AreaResolver
from etl.parsing.numbers import parse_numbers
from etl.parsing.periods import Canonical, Period, canonical, parse_period
from gosterge.plan import UNITS, Plan
from warehouse.loading import MEASUREMENT_COLUMNS, REJECTED_COLUMNS

YEARS_AFTER_PLAN = 3
FREQUENCIES = ("yearly", "quarterly", "monthly")
MAX_LINES_SHOWN = 5


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one file: what to load, what to reject, and the counts."""

    measurements: pd.DataFrame  # MEASUREMENT_COLUMNS
    problems: pd.DataFrame  # REJECTED_COLUMNS, one row per problem
    rows_read: int
    rows_rejected: int
    rows_repeated: int  # same key and value again: not loaded, counted unchanged

    @property
    def rows_valid(self) -> int:
        return len(self.measurements)


def plan_years(plan: Plan) -> tuple[int, int]:
    """The years a measurement of ``plan`` may fall in."""
    first = min([plan.baseline_year, *(indicator.baseline.year for indicator in plan.indicators.values())])
    return first, plan.period_end + YEARS_AFTER_PLAN


def _encode(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[str]]:
    """(codes per row, unique texts) of a text column."""
    if isinstance(column, pa.ChunkedArray):
        column = column.unify_dictionaries() if pa.types.is_dictionary(column.type) else column
        if pa.types.is_dictionary(column.type):
            dictionary = column.chunk(0).dictionary if column.num_chunks else pa.array([], pa.string())
            codes = np.concatenate([np.asarray(chunk.indices.fill_null(0), dtype=np.int64)
                                    for chunk in column.chunks]) if column.num_chunks else np.zeros(0, np.int64)
            return codes, [str(text) for text in dictionary.to_pylist()]
        column = column.combine_chunks()
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(pc.fill_null(column, ""))
    return np.asarray(column.indices.fill_null(0), dtype=np.int64), [str(text) for text in column.dictionary.to_pylist()]


Written = Callable[[np.ndarray], np.ndarray]


class _Problems:
    """Problems collected column-wise: row positions, the column, the written value, the reason."""

    def __init__(self, count: int):
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.rejected = np.zeros(count, dtype=bool)

    def add(self, mask: np.ndarray, column: str | np.ndarray, written: Written, reasons: np.ndarray | str) -> None:
        """Record a problem on the rows of ``mask``; array arguments are per row (full length)."""
        positions = np.flatnonzero(mask)
        if len(positions) == 0:
            return
        self.rejected[positions] = True
        reason_array = (np.full(len(positions), reasons, dtype=object) if isinstance(reasons, str)
                        else np.asarray(reasons, dtype=object)[positions])
        column_array = (np.asarray(column, dtype=object)[positions] if isinstance(column, np.ndarray)
                        else np.full(len(positions), column, dtype=object))
        self.parts.append((positions, column_array, written(positions), reason_array))


class _Rows:
    """The extracted columns, encoded once."""

    def __init__(self, extracted: Extracted):
        table = extracted.rows
        self.count = table.num_rows
        self.row_numbers = np.asarray(table.column("row_number").combine_chunks() if self.count else [],
                                      dtype=np.int64)
        self.indicator = _encode(table.column("indicator"))
        self.district = _encode(table.column("district"))
        self.period = _encode(table.column("period"))
        self.value_column = _encode(table.column("value_column"))
        value = table.column("value").combine_chunks() if self.count else pa.array([], pa.string())
        self.value = value.cast(pa.string()) if pa.types.is_dictionary(value.type) else value
        self.number = table.column("number").combine_chunks() if self.count else pa.array([], pa.float64())

    def texts(self, encoded: tuple[np.ndarray, list[str]]) -> np.ndarray:
        """The written texts of every row (object array of shared strings)."""
        codes, uniques = encoded
        return np.asarray(uniques, dtype=object)[codes] if uniques else np.full(len(codes), "", dtype=object)

    def written(self, role: str) -> Written:
        codes, uniques = getattr(self, role)
        table = np.asarray(uniques or [""], dtype=object)
        return lambda positions: table[codes[positions]]

    def written_values(self, positions: np.ndarray) -> np.ndarray:
        """The values as written (a cell that was a number is shown as that number)."""
        indices = pa.array(positions, type=pa.int64())
        text = np.asarray(pc.take(self.value, indices).to_pylist(), dtype=object)
        numbers = np.asarray(pc.take(self.number, indices).fill_null(np.nan), dtype=np.float64)
        given = ~np.isnan(numbers)
        text[given] = [f"{number:g}" for number in numbers[given]]
        return text


def validate(extracted: Extracted, plan: Plan, *, source_id: str, decimal: str | None = None,
             is_demo: bool = False, today: date | None = None) -> Validation:
    """Check every row of ``extracted`` against ``plan`` (see the module docstring)."""
    today = today or date.today()
    rows = _Rows(extracted)
    problems = _Problems(rows.count)
    names = extracted.column_names
    indicator_codes = list(plan.indicators)
    indicator_index, indicator_reasons = _resolve_indicators(rows.indicator[1], plan)
    row_indicator = indicator_index[rows.indicator[0]] if rows.count else np.zeros(0, np.int64)
    bad = row_indicator < 0
    if bad.any():
        problems.add(bad, names.get("indicator", "indicator"), rows.written("indicator"),
                     indicator_reasons[rows.indicator[0]])
    areas, area_index, area_reasons = _resolve_areas(rows.district[1], plan)
    row_area = area_index[rows.district[0]] if rows.count else np.zeros(0, np.int64)
    bad = row_area < 0
    if bad.any():
        problems.add(bad, names.get("district", "district"), rows.written("district"), area_reasons[rows.district[0]])
    periods, period_reasons = _parse_periods(rows.period[1])
    row_period = rows.period[0]
    bad = np.asarray([period is None for period in periods], dtype=bool)[row_period] if rows.count \
        else np.zeros(0, dtype=bool)
    if bad.any():
        problems.add(bad, names.get("period", "period"), rows.written("period"), period_reasons[row_period])
    parsed = parse_numbers(rows.value, rows.number, decimal)
    value_columns = rows.texts(rows.value_column)
    if parsed.bad.any():
        problems.add(parsed.bad, value_columns, rows.written_values, parsed.problems)
    indicator_ok = row_indicator >= 0
    area_ok = row_area >= 0
    is_district_indicator = np.array([plan.indicators[code].level == DISTRICT for code in indicator_codes])
    is_district_area = np.array([area.level == DISTRICT for area in areas])
    checked = indicator_ok & area_ok
    wrong_level = np.zeros(rows.count, dtype=bool)
    wrong_level[checked] = ~is_district_indicator[row_indicator[checked]] & is_district_area[row_area[checked]]
    if wrong_level.any():
        problems.add(wrong_level, names.get("district", "district"), rows.written("district"),
                     _indicator_texts(row_indicator, indicator_codes,
                                      "district value for province-level indicator {}: expected the province "
                                      f"({plan.province}) or an empty district"))
    not_measured = np.zeros(rows.count, dtype=bool)
    allowed = _allowed_areas(plan, indicator_codes, areas)
    not_measured[checked] = ~allowed[row_indicator[checked], row_area[checked]] & ~wrong_level[checked]
    if not_measured.any():
        problems.add(not_measured, names.get("district", "district"), rows.written("district"),
                     _indicator_texts(row_indicator, indicator_codes,
                                      "indicator {} is not measured in this district (see its districts list)"))
    frequency = np.array([FREQUENCIES.index(plan.indicators[code].frequency) for code in indicator_codes],
                         dtype=np.int64)
    period_ok = ~bad
    keyed = indicator_ok & period_ok
    pair = np.full(rows.count, -1, dtype=np.int64)
    pair[keyed] = row_period[keyed] * len(FREQUENCIES) + frequency[row_indicator[keyed]]
    pair_inverse, pairs = pd.factorize(pair[keyed])
    canonicals = [canonical(periods[int(value) // len(FREQUENCIES)],  # type: ignore[arg-type]
                            FREQUENCIES[int(value) % len(FREQUENCIES)]) for value in pairs]
    row_canonical = np.full(rows.count, -1, dtype=np.int64)
    row_canonical[keyed] = pair_inverse
    first_year, last_year = plan_years(plan)
    window_reasons = np.array([_window_reason(canonical(period, "as written"), first_year, last_year, today)
                               if period is not None else None for period in periods], dtype=object)
    has_window_reason = np.array([reason is not None for reason in window_reasons], dtype=bool)
    outside = period_ok & has_window_reason[row_period] if rows.count else period_ok
    if outside.any():
        problems.add(outside, names.get("period", "period"), rows.written("period"), window_reasons[row_period])
    _check_bounds(problems, plan, indicator_codes, row_indicator, indicator_ok & ~parsed.bad, parsed.values,
                  value_columns, rows.written_values)
    return _finish(extracted, plan, rows, problems, source_id=source_id, is_demo=is_demo,
                   indicator_codes=indicator_codes, areas=areas, canonicals=canonicals, row_indicator=row_indicator,
                   row_area=row_area, row_canonical=row_canonical, values=parsed.values)


def _indicator_texts(row_indicator: np.ndarray, codes: list[str], template: str) -> np.ndarray:
    texts = np.array([template.format(repr(code)) for code in codes] + [""], dtype=object)
    return texts[row_indicator]


def _resolve_indicators(uniques: list[str], plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    codes = {code: index for index, code in enumerate(plan.indicators)}
    index = np.full(max(len(uniques), 1), -1, dtype=np.int64)
    reasons = np.full(max(len(uniques), 1), None, dtype=object)
    for position, text in enumerate(uniques):
        code = text.strip()
        if code in codes:
            index[position] = codes[code]
        elif not code:
            reasons[position] = "indicator is missing"
        else:
            reasons[position] = f"unknown indicator {code!r} (expected an indicator code of plan {plan.code})"
    return index, reasons


def _resolve_areas(uniques: list[str], plan: Plan) -> tuple[list[Area], np.ndarray, np.ndarray]:
    resolver = AreaResolver(plan)
    areas = [resolver.province, *(Area(DISTRICT, code) for code in plan.districts)]
    positions = {area: index for index, area in enumerate(areas)}
    index = np.full(max(len(uniques), 1), -1, dtype=np.int64)
    reasons = np.full(max(len(uniques), 1), None, dtype=object)
    for position, text in enumerate(uniques):
        found = resolver.resolve(text)
        if isinstance(found, Area):
            index[position] = positions[found]
        else:
            reasons[position] = found
    return areas, index, reasons


def _parse_periods(uniques: list[str]) -> tuple[list[Period | None], np.ndarray]:
    periods: list[Period | None] = []
    reasons = np.full(max(len(uniques), 1), None, dtype=object)
    for position, text in enumerate(uniques):
        found = parse_period(text)
        if isinstance(found, Period):
            periods.append(found)
        else:
            periods.append(None)
            reasons[position] = found
    return periods or [None], reasons


def _allowed_areas(plan: Plan, codes: list[str], areas: list[Area]) -> np.ndarray:
    allowed = np.ones((len(codes), len(areas)), dtype=bool)
    for row, code in enumerate(codes):
        subset = plan.indicators[code].districts
        if subset:
            allowed[row] = [area.level == PROVINCE or area.code in subset for area in areas]
    return allowed


def _window_reason(item: Canonical, first_year: int, last_year: int, today: date) -> str | None:
    if not first_year <= item.year <= last_year:
        return f"period {item.text} is outside the plan's years {first_year}-{last_year}"
    if item.start > today:
        return f"period {item.text} has not begun yet"
    return None


def _check_bounds(problems: _Problems, plan: Plan, codes: list[str], row_indicator: np.ndarray, checked: np.ndarray,
                  values: np.ndarray, value_columns: np.ndarray, written: Written) -> None:
    units = [UNITS[plan.indicators[code].unit] for code in codes]
    minimum = np.array([unit.minimum if unit.minimum is not None else -np.inf for unit in units] + [-np.inf])
    maximum = np.array([unit.maximum if unit.maximum is not None else np.inf for unit in units] + [np.inf])
    index = np.where(checked, row_indicator, len(codes))
    low = checked & (values < minimum[index])
    high = checked & (values > maximum[index])
    for mask, word, bound in ((low, "below the minimum", minimum), (high, "above the maximum", maximum)):
        if mask.any():
            reasons = np.full(len(mask), None, dtype=object)
            reasons[mask] = [f"implausible value {value:g}: {word} {bound[position]:g} for unit "
                             f"{units[position].code!r} (indicator {codes[position]})"
                             for value, position in zip(values[mask], index[mask], strict=True)]
            problems.add(mask, value_columns, written, reasons)


def _finish(extracted: Extracted, plan: Plan, rows: _Rows, problems: _Problems, *, source_id: str, is_demo: bool,
            indicator_codes: list[str], areas: list[Area], canonicals: list[Canonical], row_indicator: np.ndarray,
            row_area: np.ndarray, row_canonical: np.ndarray, values: np.ndarray) -> Validation:
    texts = sorted({item.text for item in canonicals})
    text_id = {text: position for position, text in enumerate(texts)}
    canonical_ids = np.array([text_id[item.text] for item in canonicals] or [0], dtype=np.int64)
    valid = np.flatnonzero(~problems.rejected)
    keys = (row_indicator[valid] * len(areas) + row_area[valid]) * max(len(texts), 1) \
        + canonical_ids[row_canonical[valid]]
    repeated, conflicting = _duplicates(keys, values[valid], rows.row_numbers[valid])
    if conflicting:
        positions = np.array(sorted(conflicting), dtype=np.int64)
        mask = np.zeros(rows.count, dtype=bool)
        mask[valid[positions]] = True
        reasons = np.full(rows.count, None, dtype=object)
        reasons[valid[positions]] = [conflicting[position] for position in positions]
        problems.add(mask, rows.texts(rows.value_column), rows.written_values, reasons)
    keep = np.ones(len(valid), dtype=bool)
    keep[repeated] = False
    if conflicting:
        keep[list(conflicting)] = False
    chosen = valid[keep]
    by_text = {item.text: item for item in canonicals}
    period_types = ["year", "quarter", "month", "date"]
    canonical_chosen = canonical_ids[row_canonical[chosen]]
    measurements = pd.DataFrame({
        "plan_code": plan.code,
        "indicator_code": pd.Categorical.from_codes(row_indicator[chosen], categories=indicator_codes),
        "area_level": pd.Categorical.from_codes(
            np.array([0 if area.level == PROVINCE else 1 for area in areas])[row_area[chosen]],
            categories=[PROVINCE, DISTRICT]),
        "area_code": pd.Categorical.from_codes(row_area[chosen], categories=[area.code for area in areas]),
        "period": pd.Categorical.from_codes(canonical_chosen, categories=texts or ["-"]),
        "period_type": pd.Categorical.from_codes(
            np.array([period_types.index(by_text[text].period_type) for text in texts] or [0])[canonical_chosen],
            categories=period_types),
        "year": np.array([by_text[text].year for text in texts] or [0], dtype=np.int32)[canonical_chosen],
        "period_end": np.array([np.datetime64(by_text[text].end, "D") for text in texts] or
                               [np.datetime64("1970-01-01")], dtype="datetime64[s]")[canonical_chosen],
        "value": values[chosen],
        "source_id": source_id,
        "is_demo": is_demo,
    }, columns=list(MEASUREMENT_COLUMNS))
    rejected_frame = _problem_frame(extracted, plan, problems, rows, source_id)
    return Validation(measurements=measurements, problems=rejected_frame,
                      rows_read=extracted.rows_read, rows_rejected=int(problems.rejected.sum()) +
                      len(extracted.broken_rows), rows_repeated=len(repeated))


def _duplicates(keys: np.ndarray, values: np.ndarray,
                row_numbers: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    """Positions of repeats (same key, same value: all but the first) and of conflicts (with their reason)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), {}
    involved = np.flatnonzero(pd.Series(keys).duplicated(keep=False).to_numpy())
    if len(involved) == 0:
        return np.zeros(0, dtype=np.int64), {}
    repeated, conflicting = _duplicate_groups(keys[involved], values[involved], row_numbers[involved])
    return involved[repeated], {int(involved[position]): reason for position, reason in conflicting.items()}


def _duplicate_groups(keys: np.ndarray, values: np.ndarray,
                      row_numbers: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    groups = np.flatnonzero(sizes > 1)
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64), {}
    repeated: list[np.ndarray] = []
    conflicting: dict[int, str] = {}
    for group in groups:
        members = order[starts[group]:starts[group] + sizes[group]]
        group_values = values[members]
        if np.all(group_values == group_values[0]):
            repeated.append(members[1:])
            continue
        lines = row_numbers[members]
        for member, line in zip(members, lines, strict=True):
            others = [str(other) for other in lines if other != line][:MAX_LINES_SHOWN]
            conflicting[int(member)] = ("same indicator, area and period as line " + ", ".join(others)
                                        + " with a different value (both rejected)")
    return (np.concatenate(repeated) if repeated else np.zeros(0, dtype=np.int64)), conflicting


def _problem_frame(extracted: Extracted, plan: Plan, problems: _Problems, rows: _Rows, source_id: str) -> pd.DataFrame:
    parts = problems.parts
    positions = np.concatenate([part[0] for part in parts]) if parts else np.zeros(0, dtype=np.int64)
    row_numbers = rows.row_numbers[positions] if len(positions) else np.zeros(0, dtype=np.int64)
    frame = pd.DataFrame({
        "row_number": row_numbers,
        "column_name": np.concatenate([part[1] for part in parts]) if parts else np.zeros(0, dtype=object),
        "value": np.concatenate([part[2] for part in parts]) if parts else np.zeros(0, dtype=object),
        "reason": np.concatenate([part[3] for part in parts]) if parts else np.zeros(0, dtype=object),
    })
    if len(frame):
        unique_lines = np.unique(row_numbers)
        raw = dict(zip(unique_lines.tolist(), extracted.raw_row(unique_lines), strict=True))
        frame["raw_row"] = [raw[line] for line in row_numbers.tolist()]
    else:
        frame["raw_row"] = pd.Series([], dtype=object)
    broken = pd.DataFrame([{"row_number": row.row_number, "column_name": None, "value": None, "reason": row.reason,
                            "raw_row": row.raw_row} for row in extracted.broken_rows],
                          columns=["row_number", "column_name", "value", "reason", "raw_row"])
    if len(broken):
        frame = pd.concat([frame, broken], ignore_index=True) if len(frame) else broken
    frame = frame.sort_values("row_number", kind="stable").reset_index(drop=True)
    frame.insert(0, "plan_code", plan.code)
    frame.insert(1, "source_id", source_id)
    frame.insert(2, "file_name", extracted.file_name)
    return frame.loc[:, list(REJECTED_COLUMNS)]
