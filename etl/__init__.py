"""The ETL: extract → validate → load, jobs as plain functions, scheduling as thin wiring."""
