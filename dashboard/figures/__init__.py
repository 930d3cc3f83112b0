"""Pure figure builders: data in, a plotly Figure out; no queries, no callbacks."""
