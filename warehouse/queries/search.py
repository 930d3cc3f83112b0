"""Search: the nodes, indicators, districts and regions of a plan by code or name, forgiving of
Turkish letters both ways ("sayisi" finds "sayısı", "IZMIR" and "izmır" find "İzmir")."""

from __future__ import annotations

import duckdb
import pandas as pd

COLUMNS = ["kind", "code", "depth", "title_tr", "title_en", "provenance", "sort_key"]
#: Turkish letters and the plain Latin letters people type for them when a keyboard lacks them
TURKISH_LETTERS, PLAIN_LETTERS = "ışğüöçâîû", "isguocaiu"


def turkish_fold(text: str) -> str:
    """Fold Turkish text the way the search SQL does: I→ı and İ→i, lower case, then each Turkish
    letter to the plain letter typed for it (so "İZMİR", "izmır" and "IZMIR" all give "izmir")."""
    lowered = text.replace("I", "ı").replace("İ", "i").lower()
    return lowered.translate(str.maketrans(TURKISH_LETTERS, PLAIN_LETTERS))


def search(connection: duckdb.DuckDBPyConnection, *, plan: str, text: str, limit: int = 40) -> pd.DataFrame:
    """Nodes, indicators, districts and regions whose code starts with ``text`` or whose Turkish or
    English title contains it, both folded by :func:`turkish_fold`; an exact code first, then codes
    that start with it, then titles, each in plan order."""
    needle = turkish_fold(text.strip())
    if not needle:
        return pd.DataFrame(columns=COLUMNS)
    sql = """
        with entries as (
            select 'node' as kind, node_code as code, depth, title_tr, title_en, provenance, sort_key
            from plan_nodes where plan_code = $plan
            union all
            select 'indicator', indicator_code, null, name_tr, name_en, provenance, sort_key
            from indicators where plan_code = $plan
            union all
            select area_level, area_code, null, name_tr, name_en, 'official', position
            from plan_areas where plan_code = $plan
        ),
        folded as (
            select *,
                   translate(lower(code), $turkish, $plain) as code_folded,
                   translate(lower(replace(replace(title_tr, 'I', 'ı'), 'İ', 'i')), $turkish, $plain) as tr_folded,
                   translate(lower(replace(replace(title_en, 'I', 'ı'), 'İ', 'i')), $turkish, $plain) as en_folded
            from entries
        )
        select kind, code, depth, title_tr, title_en, provenance, sort_key
        from folded
        where starts_with(code_folded, $needle) or contains(tr_folded, $needle) or contains(en_folded, $needle)
        order by case when code_folded = $needle then 0 when starts_with(code_folded, $needle) then 1 else 2 end,
                 case kind when 'district' then 1 when 'region' then 1 else 0 end,
                 sort_key, code
        limit $limit
    """
    parameters = {"plan": plan, "needle": needle, "limit": limit, "turkish": TURKISH_LETTERS, "plain": PLAIN_LETTERS}
    return connection.execute(sql, parameters).df()
