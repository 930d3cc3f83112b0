"""Pure figure builders: data in, a figure out (plain data, :mod:`dashboard.figures.plain`); no queries, no callbacks."""
