"""The one exception of extraction: a file that cannot be read at all."""


class ExtractError(ValueError):
    """The file cannot be read (empty, binary, wrong format or wrong columns); the message names it."""
