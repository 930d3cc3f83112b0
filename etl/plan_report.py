"""`python -m etl plan`: the hierarchy summary of each configured plan."""

from __future__ import annotations

from gosterge.plan.model import Node, Plan


def summary_lines(plan: Plan, *, tree: bool = True) -> list[str]:
    """Counts per level, indicators, districts (and regions), then the tree."""
    lines = [
        f"{plan.code}: {plan.title_tr} ({plan.period_start}-{plan.period_end})",
        f"  source file: {plan.source_file.name}",
    ]
    for depth, level in enumerate(plan.levels):
        lines.append(f"  {level.plural_en.lower()}: {len(plan.nodes_at(depth))}")
    lines.append(f"  indicators: {len(plan.indicators)}")
    lines.append(f"  districts: {len(plan.districts)}")
    if plan.regions:
        counts = ", ".join(
            f"{region.name_tr} {len(plan.districts_in(region.code))}" for region in plan.regions.values()
        )
        lines.append(f"  regions: {len(plan.regions)} ({counts})")
    official = sum(1 for node in plan.nodes.values() if node.provenance == "official")
    lines.append(
        f"  official nodes: {official} of {len(plan.nodes)}; official indicators: "
        f"{sum(1 for i in plan.indicators.values() if i.provenance == 'official')} "
        f"of {len(plan.indicators)}"
    )
    if tree:
        lines.append("")
        for root in plan.roots():
            lines.extend(_tree(plan, root, indent=1))
    return lines


def _tree(plan: Plan, node: Node, indent: int) -> list[str]:
    level = plan.level_of(node)
    marker = "" if node.provenance == "official" else " [working]"
    lines = [f"{'  ' * indent}{level.name_en} {node.code}: {node.title_tr}{marker}"]
    for indicator in plan.indicators_of(node.code) if node.depth == plan.goal_depth else []:
        lines.append(
            f"{'  ' * (indent + 1)}- {indicator.code} {indicator.name_tr} "
            f"[{indicator.unit}, {indicator.direction}, weight {indicator.weight:g}]"
        )
    for child in plan.children(node.code):
        lines.extend(_tree(plan, child, indent + 1))
    return lines
