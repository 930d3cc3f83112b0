"""Search: the nodes and indicators of a plan by code or title, Turkish-aware."""

from __future__ import annotations

import duckdb
import pandas as pd

COLUMNS = ["kind", "code", "depth", "title_tr", "title_en", "provenance", "sort_key"]


def turkish_fold(text: str) -> str:
    """Case-fold Turkish text the way the search SQL does: I→ı and İ→i, then lower."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def search(connection: duckdb.DuckDBPyConnection, *, plan: str, text: str, limit: int = 40) -> pd.DataFrame:
    """Nodes and indicators whose code starts with ``text`` or whose Turkish or English title
    contains it, Turkish-aware ("izmir" finds "İZMİR", "ısı" finds "ISI"); codes first."""
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
        )
        select kind, code, depth, title_tr, title_en, provenance, sort_key
        from entries
        where lower(code) like $needle || '%'
           or contains(lower(replace(replace(title_tr, 'I', 'ı'), 'İ', 'i')), $needle)
           or contains(lower(replace(replace(title_en, 'I', 'ı'), 'İ', 'i')), $needle)
           or contains(lower(title_en), $needle)
        order by case when lower(code) like $needle || '%' then 0 else 1 end, sort_key
        limit $limit
    """
    return connection.execute(sql, {"plan": plan, "needle": needle, "limit": limit}).df()
