"""District geography: boundaries from ``settings.boundaries_file``, and the tile grid.

Boundaries: read once per file (on first use, not at import), outer rings
rewound clockwise and holes counter-clockwise as d3/Plotly geo expects
(standard GeoJSON is the other way round and would fill the whole globe), and
each feature's ``id`` set to its district code as text. A Türkiye-wide file
serves every plan: :func:`plan_boundaries` keeps the plan's districts.

Tile grid: one equal square per district, positions roughly following
geography (:mod:`dashboard.geography.tile_grid`); always available, even without a
boundary file, and easier to read for small central districts.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.geography.tile_grid import TILE_GRIDS
from gosterge.plan import Plan

log = logging.getLogger(__name__)

ATTRIBUTION_KEY = "attribution"
CODE_PROPERTIES = ("district_code", "code", "ilce_kodu")
PRECISION = 4  # decimal degrees kept (about 11 m): lighter figures, no visible change at district scale


def ring_area(ring: list[list[float]]) -> float:
    """Signed area (shoelace) in degrees²: positive for counter-clockwise rings."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def _oriented(ring: list[list[float]], clockwise: bool) -> list[list[float]]:
    is_clockwise = ring_area(ring) < 0
    return ring if is_clockwise == clockwise else list(reversed(ring))


def rewind_polygon(polygon: list[list[list[float]]]) -> list[list[list[float]]]:
    """Outer ring clockwise, holes counter-clockwise (the d3-geo convention)."""
    return [
        _oriented([[round(point[0], PRECISION), round(point[1], PRECISION)] for point in ring], clockwise=index == 0)
        for index, ring in enumerate(polygon)
    ]


def rewind_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": rewind_polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [rewind_polygon(p) for p in geometry["coordinates"]]}
    return geometry


def _district_code(properties: dict[str, Any]) -> str | None:
    for name in CODE_PROPERTIES:
        if properties.get(name) is not None:
            return str(properties[name])
    return None


@lru_cache(maxsize=4)
def load_boundaries(path: Path) -> dict[str, Any]:
    """The boundary file as a FeatureCollection with rewound rings and ``id`` = district code."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    features = []
    for feature in document.get("features", []):
        code = _district_code(feature.get("properties") or {})
        if code is None or not feature.get("geometry"):
            continue
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"district_code": code, "name": (feature.get("properties") or {}).get("district", "")},
                "geometry": rewind_geometry(feature["geometry"]),
            }
        )
    return {"type": "FeatureCollection", "features": features, ATTRIBUTION_KEY: document.get(ATTRIBUTION_KEY, "")}


def plan_boundaries(path: Path | None, plan: Plan) -> dict[str, Any] | None:
    """The features of ``plan``'s districts, or None (the tile grid then) when there is no file or
    it lacks any of them: a map with holes would hide districts."""
    if path is None:
        return None
    return _plan_boundaries(Path(path), plan.code, tuple(sorted(plan.districts)))


@lru_cache(maxsize=16)
def _plan_boundaries(path: Path, plan_code: str, district_codes: tuple[str, ...]) -> dict[str, Any] | None:
    try:
        collection = load_boundaries(path)
    except (OSError, ValueError) as error:
        log.warning("boundary file %s unusable: %s", path, error)
        return None
    wanted = set(district_codes)
    features = [feature for feature in collection["features"] if feature["id"] in wanted]
    missing = wanted - {feature["id"] for feature in features}
    if missing:
        log.warning(
            "boundary file %s lacks %d of the %d districts of plan %s: using the tile grid",
            path,
            len(missing),
            len(wanted),
            plan_code,
        )
        return None
    return {"type": "FeatureCollection", "features": features}


def tile_positions(plan: Plan) -> dict[str, tuple[int, int]]:
    """(row, column) of each of the plan's districts; districts the grid lacks go on an extra row."""
    grid = TILE_GRIDS.get(plan.province_code, {})
    positions = {code: grid[code] for code in plan.districts if code in grid}
    spare = [code for code in plan.districts if code not in positions]
    if spare:
        next_row = max((row for row, _ in positions.values()), default=-1) + 1
        for index, code in enumerate(spare):
            positions[code] = (next_row + index // 8, index % 8)
    return positions


def _upper(name: str) -> str:
    return name.replace("i", "İ").replace("ı", "I").upper()


def tile_label(name: str) -> str:
    """A short label for a tile: the first three letters, in Turkish upper case."""
    return _upper(name)[:3]


def tile_labels(names: dict[str, str]) -> dict[str, str]:
    """Three-letter labels that tell every district apart (code → label): the first three letters,
    or for names sharing them the first two and a later letter (Karaburun KAB, Karşıyaka KAŞ …). Worked out
    once for each set of names (8 ms for 973 districts, on every map drawn before)."""
    return dict(_labels(tuple(names.items())))


@lru_cache(maxsize=64)
def _labels(items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    names = dict(items)
    labels: dict[str, str] = {}
    taken: set[str] = set()
    first_three: dict[str, int] = {}
    for name in names.values():
        start = _upper(name).replace(" ", "")[:3]
        first_three[start] = first_three.get(start, 0) + 1
    for code, name in sorted(names.items(), key=lambda item: item[1]):
        letters = _upper(name).replace(" ", "")
        candidates = [letters[:3]] if first_three[letters[:3]] == 1 else []
        candidates += [letters[:2] + letter for letter in letters[3:]] + [letters[:4]]
        label = next((candidate for candidate in candidates if candidate not in taken), letters[:4])
        labels[code] = label
        taken.add(label)
    return tuple(labels.items())
