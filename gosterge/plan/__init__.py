"""The plan model and its loader: the only code that reads plan files."""

from gosterge.plan.loader import PlanError, Problem, load_plan, load_plans
from gosterge.plan.model import UNITS, DataSource, District, Indicator, Level, Monitoring, Node, Plan, Region

__all__ = [
    "UNITS",
    "DataSource",
    "District",
    "Indicator",
    "Level",
    "Monitoring",
    "Node",
    "Plan",
    "PlanError",
    "Problem",
    "Region",
    "load_plan",
    "load_plans",
]
