"""The ETL command line's exit codes (documented in :mod:`etl.cli` and docs/etl.md).

When several apply to one ``run``, the first of failed (1), not published (4) and left waiting (5) wins.
"""

#: loaded (possibly with rejected rows, reported); ``check``: the file is readable
EXIT_OK = 0
#: a run failed (a file could not be read or loaded, a URL could not be fetched)
EXIT_FAILED = 1
#: bad usage or configuration (plan file, sources.toml, a setting, an unknown source or plan)
EXIT_CONFIGURATION = 2
#: another run holds the data folder (waited GOSTERGE_RUN_WAIT_SECONDS); nothing was done
EXIT_BUSY = 3
#: loaded, but the snapshot could not be published (the next run or the scheduler's start publishes it)
EXIT_NOT_PUBLISHED = 4
#: a file was left in the inbox, incomplete or still being written (it is read again at the next run)
EXIT_WAITING = 5
