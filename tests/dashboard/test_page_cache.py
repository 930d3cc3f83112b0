"""The page cache (dashboard/page_cache.py): a load renders again only the pages whose data it changed,
the workers of a machine share what one rendered, and no page is ever served stale.

Each test has its own warehouse (both plans' demo data) and its own cache folder; pages are rendered
through :func:`dashboard.live.safe_render`, as a request does, with each view's render function wrapped
to count the renders (the wrapper keeps the function's name, so the cache key is the page's own).
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pandas as pd
import pytest

from dashboard import live, page_cache
from dashboard.context import AppContext, get_context, set_context
from dashboard.state import ViewState
from dashboard.views import brief, district, districts, indicator, monitoring, node, overview, search
from etl.demo import demo_measurements
from gosterge.plan import Plan, load_plan
from gosterge.settings import PROJECT_ROOT, Settings, load_settings
from tests.support.builders import load_rows
from tests.support.dashboard_app import BALIKESIR, IZMIR
from tests.support.deliveries import ROW_COLUMNS, back_up, deliver, restore
from warehouse import Reader

#: the indicator the first load touches, and one of the same plan it does not
TOUCHED, UNTOUCHED = "1.1.2.2", "2.1.1.1"


@dataclass(frozen=True)
class Page:
    """One view of one page type: its module (``read`` and ``render``), plan, path code and query."""

    name: str
    module: ModuleType
    plan: str
    code: str | None = None
    query: tuple[tuple[str, str], ...] = ()
    lang: str = "tr"

    def view(self) -> ViewState:
        path = () if self.code is None else (self.code,)
        return self.module.read(self.plan, *path, lang=self.lang, **dict(self.query))


#: views of every page type of both plans
PAGES = [
    Page("izmir overview", overview, IZMIR),
    Page("izmir overview axis 2", overview, IZMIR, query=(("axis", "2"),), lang="en"),
    Page("izmir axis 1", node, IZMIR, "1"),
    Page("izmir priority 1.1", node, IZMIR, "1.1", lang="en"),
    Page("izmir goal 1.1.2", node, IZMIR, "1.1.2", query=(("district", "1128"),)),
    Page("izmir axis 2", node, IZMIR, "2"),
    Page("izmir goal 2.1.1", node, IZMIR, "2.1.1"),
    Page("izmir touched indicator", indicator, IZMIR, TOUCHED),
    Page("izmir touched indicator table", indicator, IZMIR, TOUCHED, (("view", "table"), ("district", "1128")), "en"),
    Page("izmir untouched indicator", indicator, IZMIR, UNTOUCHED),
    Page("izmir untouched indicator map", indicator, IZMIR, UNTOUCHED, (("view", "map"),), "en"),
    Page("izmir districts", districts, IZMIR, query=(("indicator", TOUCHED),)),
    Page("izmir district", district, IZMIR, "1128", lang="en"),
    Page("izmir monitoring", monitoring, IZMIR, query=(("year", "2023"),)),
    Page("izmir brief", brief, IZMIR),
    Page("izmir search", search, IZMIR, query=(("q", "ihracat"),)),
    Page("balikesir overview", overview, BALIKESIR),
    Page("balikesir aim A1", node, BALIKESIR, "A1", lang="en"),
    Page("balikesir indicator", indicator, BALIKESIR, "1.1.1", (("view", "table"),)),
    Page("balikesir regions", districts, BALIKESIR, query=(("level", "region"),)),
    Page("balikesir district", district, BALIKESIR, "2077"),
    Page("balikesir monitoring", monitoring, BALIKESIR),
    Page("balikesir brief", brief, BALIKESIR, lang="en"),
]
#: what a load of TOUCHED (Izmir) renders again: its pages, the nodes above it, Izmir's whole-plan pages
RENDERED_AGAIN = {
    "izmir overview",
    "izmir overview axis 2",
    "izmir axis 1",
    "izmir priority 1.1",
    "izmir goal 1.1.2",
    "izmir touched indicator",
    "izmir touched indicator table",
    "izmir districts",
    "izmir district",
    "izmir monitoring",
    "izmir brief",
    "izmir search",
}


class CountedRenders:
    """Each page module's render, wrapped to count the renders by page name."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def render(self, page: Page) -> Any:
        original = page.module.render

        @functools.wraps(original)
        def counted(view: Any) -> Any:
            self.counts[page.name] += 1
            return original(view)

        return counted

    def serve(self, page: Page) -> Any:
        """The body a request gets (through the cache)."""
        return live.safe_render(self.render(page), page.view())

    def serve_all(self) -> set[str]:
        """Every page served once; the names of those rendered (not from the cache)."""
        before = self.counts.copy()
        for page in PAGES:
            self.serve(page)
        return {name for name in self.counts if self.counts[name] > before[name]}


@dataclass
class OwnWarehouse:
    data_dir: Path
    settings: Settings
    plans: dict[str, Plan]


def own_settings(data_dir: Path, cache_dir: Path | None = None) -> Settings:
    environment = {"GOSTERGE_DATA_DIR": str(data_dir), "GOSTERGE_SCHEDULER": "0"}
    if cache_dir is not None:
        environment["GOSTERGE_CACHE_DIR"] = str(cache_dir)
    return load_settings(environment)


@contextmanager
def use(settings: Settings, plans: dict[str, Plan]) -> Iterator[AppContext]:
    """The views' context on ``settings``' warehouse, then the one before it back."""
    reader = Reader(settings.published_file)
    previous = get_context()
    set_context(AppContext(settings, plans, reader))
    try:
        yield get_context()
    finally:
        set_context(previous)
        reader.close()


@pytest.fixture
def own(tmp_path: Path, app_context: AppContext) -> Iterator[OwnWarehouse]:
    """A warehouse of its own with both plans' demo data (recomputed whole: a token per plan), and the
    views' context on it."""
    plans = app_context.plans
    data_dir = tmp_path / "data"
    rows = pd.concat([demo_measurements(plan) for plan in plans.values()], ignore_index=True)
    load_rows(data_dir, list(plans.values()), rows, source_id="demo", is_demo=True)
    settings = own_settings(data_dir)
    with use(settings, plans):
        yield OwnWarehouse(data_dir, settings, dict(plans))


def shown(body: Any) -> str:
    """A served body as text, to look for a value in it."""
    return json.dumps(body.data(), ensure_ascii=False)


def revision(plan: Plan, indicator_code: str, area_code: str, period: str, value: float) -> pd.DataFrame:
    """One row of ``plan``: ``indicator_code`` in district (or the province) ``area_code``, ``period``."""
    level = "province" if area_code == plan.province_code else "district"
    return pd.DataFrame([(plan.code, indicator_code, level, area_code, period, value)], columns=ROW_COLUMNS)


def test_a_load_renders_again_only_the_pages_that_read_its_data(own):
    renders = CountedRenders()
    assert renders.serve_all() == {page.name for page in PAGES}
    assert renders.serve_all() == set()  # all from the cache
    deliver(own.data_dir, own.plans[IZMIR], revision(own.plans[IZMIR], TOUCHED, "1128", "2025", 987654.0))
    assert renders.serve_all() == RENDERED_AGAIN
    table = next(page for page in PAGES if page.name == "izmir touched indicator table")
    assert "987,654" in shown(renders.serve(table))  # the new value
    assert renders.serve_all() == set()


def test_a_load_of_one_plan_leaves_the_other_plans_pages_cached(own):
    renders = CountedRenders()
    renders.serve_all()
    balikesir = own.plans[BALIKESIR]
    deliver(own.data_dir, balikesir, revision(balikesir, "1.1.1", "2077", "2024", 4321.0))
    again = renders.serve_all()
    assert again and all(name.startswith("balikesir") for name in again)
    assert "balikesir overview" in again and "balikesir indicator" in again


def test_workers_share_rendered_pages_through_the_cache_folder(own, tmp_path):
    """Two processes with the same GOSTERGE_CACHE_DIR: what one rendered, the other reads from the folder
    (a second cache of the same folder stands for the second process: its memory is empty)."""
    shared = tmp_path / "shared-cache"
    first_settings = own_settings(own.data_dir, shared)
    page = next(page for page in PAGES if page.name == "izmir goal 1.1.2")
    renders = CountedRenders()
    with use(first_settings, own.plans):
        first = renders.serve(page)
    second_process = page_cache.PageCache(shared)
    page_cache._caches[shared] = second_process
    try:
        with use(own_settings(own.data_dir, shared), own.plans):
            assert renders.serve(page) == first
    finally:
        page_cache._caches.pop(shared, None)
    assert renders.counts[page.name] == 1
    assert second_process.counts.file_hits == 1 and second_process.counts.misses == 0


SECOND_PROCESS = """
import json, sys
from dashboard import live, page_cache
from dashboard.context import AppContext, set_context
from dashboard.views import node
from gosterge.plan import load_plan
from gosterge.settings import PROJECT_ROOT, load_settings
from warehouse import Reader

data_dir, cache_dir, plan_code, node_code = sys.argv[1:]
settings = load_settings({"GOSTERGE_DATA_DIR": data_dir, "GOSTERGE_SCHEDULER": "0", "GOSTERGE_CACHE_DIR": cache_dir})
plans = {plan.code: plan for plan in map(load_plan, settings.plan_files)}
set_context(AppContext(settings, plans, Reader(settings.published_file)))
body = live.safe_render(node.render, node.read(plan_code, node_code, lang="tr")).data()
counts = page_cache.cache_for(settings).counts
print(json.dumps({"file_hits": counts.file_hits, "misses": counts.misses, "body": body}))
"""


def test_another_process_reads_what_one_rendered(own, tmp_path):
    """A second Python process with the same GOSTERGE_CACHE_DIR (as a second gunicorn worker) serves the
    page the first rendered from the folder, without rendering it."""
    shared = tmp_path / "shared-cache"
    page = next(page for page in PAGES if page.name == "izmir goal 1.1.2")
    page = Page(page.name, page.module, page.plan, page.code)  # the view the second process asks for
    with use(own_settings(own.data_dir, shared), own.plans):
        first = CountedRenders().serve(page)
    output = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, str(own.data_dir), str(shared), page.plan, str(page.code)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    served = json.loads(output.stdout.strip().splitlines()[-1])
    assert (served["file_hits"], served["misses"]) == (1, 0)
    assert served["body"] == first.data()


def test_a_failed_render_is_never_kept(own):
    page = next(page for page in PAGES if page.name == "izmir brief")
    failures = []

    def failing(view):
        failures.append(view)
        raise RuntimeError("broken")

    failing.__qualname__ = page.module.render.__qualname__
    failing.__module__ = page.module.render.__module__
    assert "error-view" in str(live.safe_render(failing, page.view()))
    assert "error-view" in str(live.safe_render(failing, page.view()))
    assert len(failures) == 2
    renders = CountedRenders()
    renders.serve(page)
    assert renders.counts[page.name] == 1


def fresh(page: Page) -> Any:
    """The body rendered now, without any cache."""
    return live.Body(live.render_body(page.module.render, page.view()))


def source_renamed(plan: Plan, folder: Path) -> Plan:
    """``plan`` (İzmir's) with its SGK source renamed: the same plan to the web, another to the writer."""
    text = (PROJECT_ROOT / "indicators.toml").read_text(encoding="utf-8")
    changed = folder / "indicators.toml"
    changed.write_text(text.replace("Sosyal Güvenlik Kurumu (SGK)", "Sosyal Güvenlik Kurumu (yeni ad)"), "utf-8")
    renamed = load_plan(changed)
    assert renamed.code == plan.code and renamed.content_hash != plan.content_hash
    return renamed


def explanation(plan: Plan, indicator_code: str, year: int, reason: str) -> pd.DataFrame:
    """A unit's explanation of ``indicator_code`` in the province, as an approved entry brings it."""
    return pd.DataFrame(
        [
            {
                "plan_code": plan.code,
                "indicator_code": indicator_code,
                "area_level": "province",
                "area_code": plan.province_code,
                "year": year,
                "period": str(year),
                "reason": reason,
                "measures": "Önlemler alınacak.",
                "source_note": "TÜİK, il bülteni",
                "unit": "Planlama birimi",
                "entered_by": "ayse",
                "approved_by": "mehmet",
                "approved_at": pd.Timestamp("2025-03-01 10:00"),
            }
        ]
    )


def random_delivery(chance: random.Random, plans: dict[str, Plan]) -> tuple[Plan, pd.DataFrame]:
    """Rows of one plan: a few indicators, districts and periods, new values or revisions."""
    plan = plans[chance.choice([IZMIR, BALIKESIR])]
    measured = [item for item in plan.indicators.values() if item.informational is False]
    rows = []
    for chosen in chance.sample(measured, chance.randint(1, 3)):
        year = chance.choice([2021, 2022, 2023, 2024, 2025, 2026])
        areas = (
            chance.sample(sorted(chosen.districts or plan.districts), 2)
            if chosen.level == "district"
            else [plan.province_code]
        )
        for area in areas:
            value = round(chance.uniform(1, 1000), 1)
            rows.append(revision(plan, chosen.code, area, str(year), value))
    return plan, pd.concat(rows, ignore_index=True)


@pytest.mark.slow
def test_every_page_served_equals_a_fresh_render_after_any_sequence_of_loads(own, tmp_path):
    """Random deliveries (indicators, districts, revisions, new years), the units' explanations without a
    value, the population indicator, a plan re-synced with another source name and back, and a backup put
    back (its data versions counted again): after each, every view of every page type of both plans is
    served (through the cache) exactly as a fresh render draws it."""
    chance = random.Random(15)
    izmir = own.plans[IZMIR]
    renamed = source_renamed(izmir, tmp_path)
    backup = tmp_path / "backup.duckdb"
    steps: list[tuple[str, Any]] = [
        ("delivery", None),
        ("backup", None),
        ("delivery", None),
        ("explanation", None),
        ("population", None),
        ("resync", renamed),
        ("delivery", None),
        ("restore", None),
        ("delivery", None),
        ("resync", izmir),
        ("delivery", None),
    ]
    renders = CountedRenders()
    renders.serve_all()
    for step, argument in steps:
        if step == "delivery":
            plan, rows = random_delivery(chance, own.plans)
            deliver(own.data_dir, plan, rows)
        elif step == "backup":
            back_up(own.data_dir, backup)
        elif step == "restore":
            restore(own.data_dir, backup)
        elif step == "explanation":
            deliver(own.data_dir, izmir, explanations=explanation(izmir, TOUCHED, 2023, "Gecikme: veri yok."))
        elif step == "population":
            population = izmir.population_indicator
            assert population is not None
            deliver(own.data_dir, izmir, revision(izmir, population, "1128", "2025", 123456.0))
        else:
            deliver(own.data_dir, argument)
        for page in PAGES:
            assert renders.serve(page) == fresh(page), f"{page.name} is stale after {step}"
    # the cache did answer: a load re-renders only what it touched
    assert sum(renders.counts.values()) < len(PAGES) * (len(steps) + 1)


def test_a_warehouse_without_token_tables_still_serves_pages(own):
    """A snapshot published before the token tables (an old writer): pages are rendered and kept by the
    published file, and a new snapshot renders them again."""
    published = own.settings.published_file
    get_context().reader.close()
    with duckdb.connect(str(published)) as connection:
        connection.execute("drop table plan_tokens")
        connection.execute("drop table indicator_tokens")
    renders = CountedRenders()
    page = next(page for page in PAGES if page.name == "izmir touched indicator table")
    first = renders.serve(page)
    assert "error-view" not in str(first) and first == fresh(page)
    assert renders.serve(page) == first and renders.counts[page.name] == 1
    deliver(own.data_dir, own.plans[IZMIR], revision(own.plans[IZMIR], TOUCHED, "1128", "2025", 987654.0))
    assert "987,654" in shown(renders.serve(page)) and renders.counts[page.name] == 2


def test_the_writer_gives_an_old_warehouse_its_tokens(own):
    """A working database from before the token tables gets them at the next writer session, with a
    token for every plan, so that its pages are keyed by tokens from its next publication on."""
    working = own.data_dir / "warehouse.duckdb"
    with duckdb.connect(str(working)) as connection:
        connection.execute("drop table plan_tokens")
        connection.execute("drop table indicator_tokens")
    deliver(own.data_dir, own.plans[IZMIR], revision(own.plans[IZMIR], TOUCHED, "1128", "2024", 5.0))
    get_context().reader.close()
    with duckdb.connect(str(own.settings.published_file), read_only=True) as connection:
        plans = {row[0] for row in connection.execute("select plan_code from plan_tokens").fetchall()}
        touched = connection.execute("select indicator_code from indicator_tokens").fetchall()
    assert plans == {IZMIR, BALIKESIR}
    assert (TOUCHED,) in touched


def test_a_load_that_moves_the_plans_latest_year_renders_the_node_pages_again(app_context, tmp_path):
    """An aim's page links the reports of the plan's latest year with data, whichever indicator brought
    that year: a load of an indicator under another aim that brings a new year renders it again."""
    balikesir = app_context.plans[BALIKESIR]
    rows = demo_measurements(balikesir)
    data_dir = tmp_path / "data"
    load_rows(data_dir, [balikesir], rows[rows["period"].str[:4] < "2023"], source_id="demo", is_demo=True)
    under_aim = {item.code for item in balikesir.indicators_under("A1")}
    elsewhere = next(
        code for code, item in balikesir.indicators.items() if code not in under_aim and not item.informational
    )
    area = (
        balikesir.province_code
        if balikesir.indicators[elsewhere].level == "province"
        else next(iter(balikesir.districts))
    )
    aim = Page("balikesir aim A1", node, BALIKESIR, "A1")
    renders = CountedRenders()
    with use(own_settings(data_dir), app_context.plans):
        before = renders.serve(aim)
        deliver(data_dir, balikesir, revision(balikesir, elsewhere, area, "2023", 10.0))
        after = renders.serve(aim)
        assert after == fresh(aim) and after != before
    assert renders.counts[aim.name] == 2


def test_an_open_page_is_not_drawn_again_when_a_load_left_its_data_alone(own):
    """The data-version poll tells every open page of a new version; a page whose data the load did not
    touch is left on screen as it is (nothing sent, nothing drawn again), the touched page gets its body."""
    from dash.exceptions import PreventUpdate

    izmir = own.plans[IZMIR]
    stores = {}
    for name, code in (("untouched", UNTOUCHED), ("touched", TOUCHED)):
        view = indicator.read(IZMIR, code)
        stores[name] = live.page("indicator-state", "indicator-body", view, indicator.render).children[0].data
    version = stores["touched"]["version"]
    deliver(own.data_dir, izmir, revision(izmir, TOUCHED, "1128", "2025", 123456.0))
    newer = live.current_version()
    assert newer > version
    with pytest.raises(PreventUpdate):
        live.refresh(newer, stores["untouched"], indicator.IndicatorView, indicator.render)
    body = live.refresh(newer, stores["touched"], indicator.IndicatorView, indicator.render)
    assert "123,456" in shown(body) or "123.456" in shown(body)


def test_a_page_drawn_while_a_load_lands_is_drawn_again_by_the_next_poll(own):
    """A load published while a page is being rendered: the page's store must not claim the new data for a
    body rendered from the old, or the poll finds nothing to do and the page stays on the old data until
    the next load that touches it (seen once as the end-to-end explanation test waiting in vain)."""
    izmir = own.plans[IZMIR]
    view = indicator.read(IZMIR, TOUCHED)

    def render_as_a_load_lands(view):
        body = indicator.render(view)  # from the data before the load
        deliver(own.data_dir, izmir, revision(izmir, TOUCHED, "1128", "2025", 765432.0))
        return body

    store = live.page("indicator-state", "indicator-body", view, render_as_a_load_lands).children[0].data
    newer = live.current_version()
    assert newer > store["version"]
    body = live.refresh(newer, store, indicator.IndicatorView, indicator.render)  # the poll's answer
    assert "765,432" in shown(body) or "765.432" in shown(body)
