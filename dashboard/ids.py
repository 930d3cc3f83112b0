"""Component ids, as named constants (one place, so callbacks and tests agree)."""

# ---- shell (present on every page)
URL = "url"  # dcc.Location read by the shell callbacks
NAVIGATE = "navigate"  # dcc.Location that callbacks write to (callback-nav)
# the same, inserted with the controls that write to it (the navigation bar's; a page body's), so that
# Dash does not fire their callbacks when it inserts them (it does for an output already in the layout)
NAV_NAVIGATE = "nav-navigate"
PAGE_NAVIGATE = "page-navigate"
NAVBAR = "navbar"
NAV_TOGGLE = "nav-toggle"  # the menu button of a narrow screen
NAV_MENU = "nav-menu"  # what it opens: plan switcher, links, search, language
PLAN_SWITCHER = "plan-switcher"
SEARCH_INPUT = "search-input"
DATA_BADGE = "data-badge"
TICK = "data-version-tick"  # dcc.Interval: the cheap live check
DATA_VERSION = "data-version"  # dcc.Store: the published data version
ERROR_TOAST = "error-toast"
# a chart drawn on approach (dashboard/figures/alternative.py, assets/lazy-charts.js): its place, the
# store its graph waits in, and the store the page's script sets when the place comes near the view
CHART_SLOT = "chart-slot"
CHART_GRAPH = "chart-graph"
CHART_NEAR = "chart-near"
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
EXTRACT_DRAWN = "extract-drawn"  # the URL the controls were drawn with (dcc.Store)
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

# ---- the executive brief
BRIEF_STATE = "brief-state"
BRIEF_BODY = "brief-body"
BRIEF_PDF = "brief-pdf"  # the PDF download link
# ---- notifications (/notifications: every signed-in user, their own only)
NOTIFICATIONS_INDICATOR = "notifications-indicator"  # the header's link with the unread count
NOTIFICATIONS_LIST = "notifications-list"
NOTIFICATION_READ = "notification-read"  # pattern: {"type": NOTIFICATION_READ, "id": notification id}
NOTIFICATIONS_ALL_READ = "notifications-all-read"
NOTIFICATIONS_OUTCOME = "notifications-outcome"
NOTIFICATIONS_EMAIL = "notifications-email"
NOTIFICATIONS_LANGUAGE = "notifications-language"
NOTIFICATIONS_DELIVERY = "notifications-delivery"
NOTIFICATIONS_SAVE = "notifications-save"
NOTIFICATIONS_SAVED = "notifications-saved"
NOTIFICATIONS_STATE = "notifications-state"  # dcc.Store: the page's language
# ---- entries (unit staff: "entry-"; reviewers: "review-"). Rows use pattern-matching ids
# {"type": ENTRY_VALUE, "key": "<indicator>|<area level>|<area code>"}; every callback checks the role,
# the unit's scope and the period again on the server (operations.entries)
ENTRY_STATE = "entry-state"  # dcc.Store: plan, period, language
ENTRY_CARDS = "entry-cards"
ENTRY_VALUE = "entry-value"
ENTRY_NOTE = "entry-note"
ENTRY_REASON = "entry-reason"
ENTRY_MEASURES = "entry-measures"
ENTRY_FEEDBACK = "entry-feedback"  # the value's check as it is typed
ENTRY_SAVE = "entry-save"
ENTRY_SUBMIT = "entry-submit"
ENTRY_OUTCOME = "entry-outcome"
ENTRY_UPLOAD = "entry-upload"
ENTRY_UPLOAD_BOX = "entry-upload-box"  # holds the upload, made anew after each one
ENTRY_UPLOAD_RESULT = "entry-upload-result"
REVIEW_STATE = "review-state"
REVIEW_COMMENT = "review-comment"  # pattern-matching: {"type": REVIEW_COMMENT, "entry": entry_id}
REVIEW_APPROVE = "review-approve"
REVIEW_RETURN = "review-return"
REVIEW_OUTCOME = "review-outcome"
REVIEW_REOPEN_PERIOD = "review-reopen-period"
REVIEW_REOPEN_UNTIL = "review-reopen-until"
REVIEW_REOPEN = "review-reopen"
REVIEW_REOPEN_OUTCOME = "review-reopen-outcome"
