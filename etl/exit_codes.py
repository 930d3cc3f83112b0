"""The ETL command line's exit codes (documented in :mod:`etl.cli`)."""

#: loaded (possibly with rejected rows, reported); ``check``: the file is readable
EXIT_OK = 0
#: a run failed (a file could not be read or loaded, a URL could not be fetched)
EXIT_FAILED = 1
#: bad usage or configuration (plan file, sources.toml, a setting, an unknown source or plan)
EXIT_CONFIGURATION = 2
