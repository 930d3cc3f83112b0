"""The Word monitoring and evaluation reports, built from data without Dash.

Turkish public bodies monitor their plans every six months and evaluate them every year; both reports
have the same layout: a cover, a summary, the data's vintage, then per aim (axis, priority …) and goal
each indicator's weight within its goal (hedefe etkisi), plan start value, target of the year, realized
value and realization rate, the goal's weighted realization, the responsible unit, and the units'
reasons for deviations and measures to be taken.

- :mod:`~dashboard.reports.content`: what a report shows (:class:`ReportRequest` → :class:`ReportContent`,
  read from the warehouse with the monitoring table's own queries, limited to an aim or a unit);
- :mod:`~dashboard.reports.word`: the .docx document of a :class:`ReportContent` (python-docx), pure,
  its tables copied from a template built once (:mod:`~dashboard.reports.tables`: İzmir's evaluation
  report, 73 goal tables and 159 indicators, in 0.7-0.9 s instead of 5.3-5.8 s);
- :mod:`~dashboard.reports.routes`: ``GET /report.docx``, beside the other downloads.

Nothing here imports Dash (an import-linter contract in pyproject.toml says so), so the alerts can attach
a report to an e-mail; the texts come from the message catalogue (:mod:`dashboard.messages.intake`).
"""
