"""The one exception of extraction: a file that cannot be read at all."""


class ExtractError(ValueError):
    """The file cannot be read (empty, binary, wrong format or wrong columns); the message names it."""


class WrongColumns(ExtractError):
    """No header with the needed columns (on this sheet: another sheet may have them)."""


def mebibytes(size: int) -> str:
    """``7340032`` → ``"7.0 MiB"``."""
    return f"{size / (1 << 20):,.1f} MiB"
