"""Dash components made in bulk: the rows of long tables, without Dash's checks on every one.

Dash's constructor checks every property name of every component it makes (against the component's
list, the ``data-``/``aria-`` wildcards and whether a component sits in a property other than
``children``) and builds the component's lists of property names anew. A table row is made thousands of
times with the same names: a page of 973 districts spent most of its render there (issue 16). Here the
real constructor runs once per component type and set of property names, which raises for a name the
component does not take as it always did; later ones with the same names reuse its lists and only set
their values. The component is the same class with the same attributes as Dash's own, so everything
that reads a component tree (Dash, the page cache, the tests) sees no difference.
"""

from __future__ import annotations

from typing import Any, TypeVar

from dash.development.base_component import Component

C = TypeVar("C", bound=Component)

#: per (component type, property names): the attributes a component of those names carries besides
#: its values (Dash's lists of property names), from the one made by Dash's own constructor
_checked: dict[tuple[type[Component], tuple[str, ...]], dict[str, Any]] = {}


def element(kind: type[C], children: Any = None, **props: Any) -> C:
    """``kind(children, **props)``, checked by Dash's constructor the first time these names are given."""
    key = (kind, tuple(props))
    base = _checked.get(key)
    if base is None:
        made = kind(children, **props)  # type: ignore[call-arg]
        _checked[key] = {name: value for name, value in vars(made).items() if name != "children" and name not in props}
        return made
    made = kind.__new__(kind)
    attributes = made.__dict__
    attributes.update(base)
    attributes["children"] = children
    attributes.update(props)
    return made
