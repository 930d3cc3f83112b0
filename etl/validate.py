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
  :data:`gosterge.measurement_rules.YEARS_AFTER_PLAN` years past the plan's end), or has not begun yet;
- a district value for a province-level indicator, or for a district where
  the indicator is not measured;
- the value is implausible for the indicator's unit (below the unit's
  minimum, e.g. a negative count, or above its maximum, e.g. 120 %), or
  written as a percentage for an indicator not measured in % ("50%" of a
  count);
- the period is finer than the indicator's frequency (a month or a quarter
  of a yearly indicator, a month of a quarterly one);
- a cell is longer than the limit (GOSTERGE_MAX_CELL_CHARACTERS).

Then, among the rows without problems, the same key (indicator, area,
canonical period) given twice:

- with different values: every such row is rejected (the file contradicts
  itself; nothing is guessed);
- with the same value: the first row loads and the repeats count as
  unchanged.

So every row read is loaded, unchanged or rejected, exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from etl.extract.rows import Extracted
from etl.parsing.areas import DISTRICT, PROVINCE
from etl.parsing.periods import Canonical, canonical
from etl.validation.duplicates import find_duplicates
from etl.validation.fit import (
    cell_lengths,
    finer_reason,
    not_measured_reason,
    province_level_reason,
    too_long_reason,
)
from etl.validation.problems import Problems
from etl.validation.resolve import (
    allowed_areas,
    parse_periods,
    plan_areas,
    resolve_areas,
    resolve_indicators,
    window_reason,
)
from etl.validation.rows import EncodedRows
from gosterge.measurement_rules import PERCENT_UNITS, bound_reason, percent_reason, plan_years
from gosterge.measurement_rules.numbers import ParsedNumbers, parse_numbers
from gosterge.plan import UNITS, Plan
from warehouse.loading import MEASUREMENT_COLUMNS

FREQUENCIES = ("yearly", "quarterly", "monthly")
PERIOD_TYPES = ("year", "quarter", "month", "date")


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


def validate(
    extracted: Extracted,
    plan: Plan,
    *,
    source_id: str,
    decimal: str | None = None,
    is_demo: bool = False,
    today: date | None = None,
) -> Validation:
    """Check every row of ``extracted`` against ``plan`` (see the module docstring)."""
    return _Validator(extracted, plan, decimal, today or date.today()).run(source_id=source_id, is_demo=is_demo)


class _Validator:
    """One file's checks, column by column; per-row arrays hold positions into the plan's lists."""

    def __init__(self, extracted: Extracted, plan: Plan, decimal: str | None, today: date):
        self.extracted = extracted
        self.plan = plan
        self.today = today
        self.rows = EncodedRows(extracted)
        self.problems = Problems(self.rows.count)
        self.names = extracted.column_names
        self.codes = list(plan.indicators)
        self.areas = plan_areas(plan)
        self.numbers: ParsedNumbers = parse_numbers(self.rows.value, self.rows.number, decimal)

    @cached_property
    def value_columns(self) -> np.ndarray:
        """The header each row's value came from: only needed for a row with a problem in its value."""
        return self.rows.value_columns()

    def column(self, role: str) -> str:
        return self.names.get(role, role)

    def run(self, *, source_id: str, is_demo: bool) -> Validation:
        indicator = self._indicators()
        area = self._areas()
        period_ok, periods, window = self._periods()
        self._long_cells()
        if self.numbers.bad.any():
            self.problems.add(self.numbers.bad, self.value_columns, self.rows.written_values, self.numbers.problems)
        self._levels(indicator, area)
        self._bounds(indicator)
        self._percent_signs(indicator)
        canonicals, row_canonical = self._canonical(indicator, period_ok, periods)
        return self._finish(indicator, area, canonicals, row_canonical, source_id=source_id, is_demo=is_demo)

    def _indicators(self) -> np.ndarray:
        codes, uniques = self.rows.indicator
        index, reasons = resolve_indicators(uniques, self.plan)
        row_indicator = index[codes] if self.rows.count else np.zeros(0, np.int64)
        unknown = row_indicator < 0
        if unknown.any():
            self.problems.add(unknown, self.column("indicator"), self.rows.written("indicator"), reasons[codes])
        return row_indicator

    def _areas(self) -> np.ndarray:
        codes, uniques = self.rows.district
        index, reasons = resolve_areas(uniques, self.plan, self.areas)
        row_area = index[codes] if self.rows.count else np.zeros(0, np.int64)
        unknown = row_area < 0
        if unknown.any():
            self.problems.add(unknown, self.column("district"), self.rows.written("district"), reasons[codes])
        return row_area

    def _periods(self) -> tuple[np.ndarray, list, np.ndarray]:
        codes, uniques = self.rows.period
        periods, reasons = parse_periods(uniques)
        parsed = np.array([period is not None for period in periods], dtype=bool)
        period_ok = parsed[codes] if self.rows.count else np.zeros(0, dtype=bool)
        if not period_ok.all():
            self.problems.add(~period_ok, self.column("period"), self.rows.written("period"), reasons[codes])
        first, last = plan_years(self.plan)
        window = np.array(
            [
                window_reason(canonical(period, "as written"), first, last, self.today) if period is not None else None
                for period in periods
            ],
            dtype=object,
        )
        outside = period_ok & np.array([reason is not None for reason in window], dtype=bool)[codes]
        if outside.any():
            self.problems.add(outside, self.column("period"), self.rows.written("period"), window[codes])
        return period_ok, periods, window

    def _long_cells(self) -> None:
        """Cells longer than the limit (GOSTERGE_MAX_CELL_CHARACTERS) reject their row."""
        limit = self.extracted.limits.max_cell_characters
        for role in ("indicator", "district", "period", "value"):
            lengths = cell_lengths(self.rows, role)
            too_long = lengths > limit
            if not too_long.any():
                continue
            reasons = np.full(self.rows.count, None, dtype=object)
            reasons[too_long] = [too_long_reason(int(length), limit) for length in lengths[too_long]]
            if role == "value":
                self.problems.add(too_long, self.value_columns, self.rows.written_values, reasons)
            else:
                self.problems.add(too_long, self.column(role), self.rows.written(role), reasons)

    def _percent_signs(self, row_indicator: np.ndarray) -> None:
        """A percent sign (or a cell formatted as a percentage) on a value of an indicator not in %."""
        percent = self.numbers.percent & ~self.numbers.bad & (row_indicator >= 0)
        if not percent.any():
            return
        units = [self.plan.indicators[code].unit for code in self.codes]
        accepts = np.array([unit in PERCENT_UNITS for unit in units] + [True])
        wrong = percent & ~accepts[np.where(row_indicator >= 0, row_indicator, len(self.codes))]
        if wrong.any():
            reasons = [percent_reason(code, unit) for code, unit in zip(self.codes, units, strict=True)]
            self.problems.add(wrong, self.value_columns, self.rows.written_values, _per_row(reasons, row_indicator))

    def _levels(self, row_indicator: np.ndarray, row_area: np.ndarray) -> None:
        """District values for province-level indicators, or outside an indicator's districts."""
        checked = (row_indicator >= 0) & (row_area >= 0)
        is_district_indicator = np.array([self.plan.indicators[code].level == DISTRICT for code in self.codes])
        is_district_area = np.array([area.level == DISTRICT for area in self.areas])
        wrong_level = np.zeros(self.rows.count, dtype=bool)
        wrong_level[checked] = ~is_district_indicator[row_indicator[checked]] & is_district_area[row_area[checked]]
        if wrong_level.any():
            self.problems.add(
                wrong_level,
                self.column("district"),
                self.rows.written("district"),
                _per_row([province_level_reason(code, self.plan.province) for code in self.codes], row_indicator),
            )
        allowed = allowed_areas(self.plan, self.codes, self.areas)
        not_measured = np.zeros(self.rows.count, dtype=bool)
        not_measured[checked] = ~allowed[row_indicator[checked], row_area[checked]] & ~wrong_level[checked]
        if not_measured.any():
            self.problems.add(
                not_measured,
                self.column("district"),
                self.rows.written("district"),
                _per_row([not_measured_reason(code) for code in self.codes], row_indicator),
            )

    def _bounds(self, row_indicator: np.ndarray) -> None:
        """Values outside the unit's bounds (a negative count, a rate above 100 %)."""
        checked = (row_indicator >= 0) & ~self.numbers.bad
        values = self.numbers.values
        units = [UNITS[self.plan.indicators[code].unit] for code in self.codes]
        minimum = np.array([unit.minimum if unit.minimum is not None else -np.inf for unit in units] + [-np.inf])
        maximum = np.array([unit.maximum if unit.maximum is not None else np.inf for unit in units] + [np.inf])
        index = np.where(checked, row_indicator, len(self.codes))
        for mask, above, bound in (
            (checked & (values < minimum[index]), False, minimum),
            (checked & (values > maximum[index]), True, maximum),
        ):
            if not mask.any():
                continue
            reasons = np.full(len(mask), None, dtype=object)
            reasons[mask] = [
                bound_reason(value, bound[position], units[position].code, self.codes[position], above=above)
                for value, position in zip(values[mask], index[mask], strict=True)
            ]
            self.problems.add(mask, self.value_columns, self.rows.written_values, reasons)

    def _canonical(
        self, row_indicator: np.ndarray, period_ok: np.ndarray, periods: list
    ) -> tuple[list[Canonical], np.ndarray]:
        """The canonical period of each row: computed once per (written period, indicator frequency). A
        period finer than the indicator's frequency (``2023-06`` of a yearly indicator) rejects its row."""
        frequency = np.array(
            [FREQUENCIES.index(self.plan.indicators[code].frequency) for code in self.codes], dtype=np.int64
        )
        keyed = (row_indicator >= 0) & period_ok
        pair = self.rows.period[0][keyed] * len(FREQUENCIES) + frequency[row_indicator[keyed]]
        inverse, pairs = _distinct(pair, len(periods) * len(FREQUENCIES))
        canonicals = [
            canonical(periods[int(value) // len(FREQUENCIES)], FREQUENCIES[int(value) % len(FREQUENCIES)])
            for value in pairs
        ]
        row_canonical = np.full(self.rows.count, -1, dtype=np.int64)
        row_canonical[keyed] = inverse
        finer = np.array(
            [
                finer_reason(item, FREQUENCIES[int(value) % len(FREQUENCIES)])
                for item, value in zip(canonicals, pairs, strict=True)
            ]
            + [None],
            dtype=object,
        )
        too_fine = np.array([reason is not None for reason in finer], dtype=bool)[row_canonical]  # -1: the None
        if too_fine.any():
            self.problems.add(too_fine, self.column("period"), self.rows.written("period"), finer[row_canonical])
        return canonicals, row_canonical

    def _finish(
        self,
        row_indicator: np.ndarray,
        row_area: np.ndarray,
        canonicals: list[Canonical],
        row_canonical: np.ndarray,
        *,
        source_id: str,
        is_demo: bool,
    ) -> Validation:
        texts = sorted({item.text for item in canonicals})
        text_id = {text: position for position, text in enumerate(texts)}
        canonical_ids = np.array([text_id[item.text] for item in canonicals] or [0], dtype=np.int64)
        valid = np.flatnonzero(~self.problems.rejected)
        of_valid = slice(None) if len(valid) == self.rows.count else valid  # all valid: views, not copies
        keys = (row_indicator[of_valid] * len(self.areas) + row_area[of_valid]) * max(len(texts), 1) + canonical_ids[
            row_canonical[of_valid]
        ]
        repeated, conflicting = find_duplicates(keys, self.numbers.values[of_valid], self.rows.row_numbers[of_valid])
        if conflicting:
            mask = np.zeros(self.rows.count, dtype=bool)
            reasons = np.full(self.rows.count, None, dtype=object)
            for position, reason in conflicting.items():
                mask[valid[position]] = True
                reasons[valid[position]] = reason
            self.problems.add(mask, self.value_columns, self.rows.written_values, reasons)
        keep = np.ones(len(valid), dtype=bool)
        keep[repeated] = False
        keep[list(conflicting)] = False
        kept = valid[keep]
        chosen = kept if len(kept) < self.rows.count else slice(None)  # every row loaded: views, not copies
        measurements = self._measurements(
            chosen,
            row_indicator,
            row_area,
            canonical_ids[row_canonical[chosen]],
            texts,
            {item.text: item for item in canonicals},
            source_id,
            is_demo,
        )
        return Validation(
            measurements=measurements,
            problems=self.problems.frame(self.extracted, self.rows, plan_code=self.plan.code, source_id=source_id),
            rows_read=self.extracted.rows_read,
            rows_rejected=int(self.problems.rejected.sum()) + len(self.extracted.broken_rows),
            rows_repeated=len(repeated),
        )

    def _measurements(
        self,
        chosen: np.ndarray | slice,
        row_indicator: np.ndarray,
        row_area: np.ndarray,
        period_ids: np.ndarray,
        texts: list[str],
        by_text: dict[str, Canonical],
        source_id: str,
        is_demo: bool,
    ) -> pd.DataFrame:
        """The rows to load, as whole columns (categoricals: each distinct text stored once)."""
        periods = [by_text[text] for text in texts]
        count = len(period_ids)
        return pd.DataFrame(
            {
                "plan_code": pd.Categorical.from_codes(np.zeros(count, dtype=np.int8), categories=[self.plan.code]),
                "indicator_code": pd.Categorical.from_codes(row_indicator[chosen], categories=self.codes),
                "area_level": pd.Categorical.from_codes(
                    np.array([0 if area.level == PROVINCE else 1 for area in self.areas])[row_area[chosen]],
                    categories=[PROVINCE, DISTRICT],
                ),
                "area_code": pd.Categorical.from_codes(row_area[chosen], categories=[area.code for area in self.areas]),
                "period": pd.Categorical.from_codes(period_ids, categories=texts or ["-"]),
                "period_type": pd.Categorical.from_codes(
                    np.array([PERIOD_TYPES.index(item.period_type) for item in periods] or [0])[period_ids],
                    categories=PERIOD_TYPES,
                ),
                "year": np.array([item.year for item in periods] or [0], dtype=np.int32)[period_ids],
                "period_end": np.array(
                    [np.datetime64(item.end, "D") for item in periods] or [np.datetime64("1970-01-01")],
                    dtype="datetime64[s]",
                )[period_ids],
                "value": self.numbers.values[chosen],
                "source_id": pd.Categorical.from_codes(np.zeros(count, dtype=np.int8), categories=[source_id]),
                "is_demo": np.full(count, is_demo),
            },
            columns=list(MEASUREMENT_COLUMNS),
            copy=False,
        )  # every column is a new array: no need to copy it again


def _distinct(values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(position of each value among the distinct values, the distinct values) for integers in range(size):
    pd.factorize by counting instead of hashing (the distinct values come in ascending order)."""
    distinct = np.flatnonzero(np.bincount(values, minlength=size))
    position = np.zeros(size, dtype=np.int64)
    position[distinct] = np.arange(len(distinct))
    return position[values], distinct


def _per_row(reasons: list, row_indicator: np.ndarray) -> np.ndarray:
    """Each row's reason of its indicator (``reasons`` in plan order; a row of no indicator: None)."""
    table = np.empty(len(reasons) + 1, dtype=object)
    table[: len(reasons)] = reasons
    return table[row_indicator]
