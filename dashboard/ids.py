"""Component ids, as named constants (one place, so callbacks and tests agree)."""

# ---- shell (present on every page)
URL = "url"  # dcc.Location read by the shell callbacks
NAVIGATE = "navigate"  # dcc.Location that callbacks write to (callback-nav)
NAVBAR = "navbar"
NAV_TOGGLE = "nav-toggle"  # the menu button of a narrow screen
NAV_MENU = "nav-menu"  # what it opens: plan switcher, links, search, language
PLAN_SWITCHER = "plan-switcher"
SEARCH_INPUT = "search-input"
DATA_BADGE = "data-badge"
TICK = "data-version-tick"  # dcc.Interval: the cheap live check
DATA_VERSION = "data-version"  # dcc.Store: the published data version
ERROR_TOAST = "error-toast"
MAIN = "main-content"

# ---- overview
OVERVIEW_STATE = "overview-state"
OVERVIEW_BODY = "overview-body"
FILTER_TOP = "filter-top"  # the top level (axes, aims …)
FILTER_SECOND = "filter-second"  # the second level (priorities …) when the plan has one
SUNBURST = "hierarchy-sunburst"

# ---- node (axis, priority, goal, aim …)
NODE_STATE = "node-state"
NODE_BODY = "node-body"

# ---- indicator
INDICATOR_STATE = "indicator-state"
INDICATOR_BODY = "indicator-body"

# ---- districts (map and equity)
DISTRICTS_STATE = "districts-state"
DISTRICTS_BODY = "districts-body"
DISTRICTS_INDICATOR = "districts-indicator"
DISTRICTS_GOAL = "districts-goal"
DISTRICTS_YEAR = "districts-year"  # period select: navigates to ?year=…
DISTRICT_MAP = "district-map"  # the map graph on every page that has one

# ---- one district
DISTRICT_STATE = "district-state"
DISTRICT_BODY = "district-body"
DISTRICT_YEAR = "district-year"  # period select: navigates to ?year=…

# ---- search
SEARCH_STATE = "search-state"
SEARCH_BODY = "search-body"

# ---- shared by the node and indicator pages
AREA_SELECT = "area-select"  # province, region or district of a view

# ---- the yearly monitoring table
MONITORING_STATE = "monitoring-state"
MONITORING_BODY = "monitoring-body"
MONITORING_YEAR = "monitoring-year"  # year select: navigates to ?year=…
MONITORING_DOWNLOAD = "monitoring-download"

# ---- the download builder (/<plan>/extract)
EXTRACT_LEVEL = "extract-level"
EXTRACT_NODE = "extract-node"  # pattern: {"type": NODE, "depth": d}
EXTRACT_INDICATOR = "extract-indicator"
EXTRACT_DISTRICT = "extract-district"
EXTRACT_REGION = "extract-region"
EXTRACT_AREA = "extract-area"
EXTRACT_YEAR_FROM = "extract-from"
EXTRACT_YEAR_TO = "extract-to"
EXTRACT_COLUMNS = "extract-columns"
EXTRACT_DIALECT = "extract-dialect"
EXTRACT_PREVIEW = "extract-preview"
EXTRACT_PROBLEMS = "extract-problems"
EXTRACT_DOWNLOADS = "extract-downloads"
EXTRACT_DOWNLOAD_IDS = {
    "csv": "extract-download-csv",
    "zip": "extract-download-zip",
    "xlsx": "extract-download-xlsx",
    "pack": "extract-download-pack",
}

# ---- data quality (reviewers and admins; every id starts with "quality-": dashboard.access.guard
# refuses callbacks writing them to anyone else)
QUALITY_BODY = "quality-body"
QUALITY_REPROCESS = "quality-reprocess"
QUALITY_REPROCESS_OUTCOME = "quality-reprocess-outcome"
QUALITY_RUN = "quality-run"  # dcc.Store: the run shown
