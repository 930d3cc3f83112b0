"""HTTP(S) downloads with a timeout, retries and exponential back-off.

Connection errors, timeouts, 429 and 5xx responses are retried
``retries`` times, waiting ``backoff_seconds × 2^(attempt − 1)`` between
attempts; other 4xx responses fail at once. The failure message names the
URL, the number of attempts and the last error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import requests

from etl.sources import HttpOptions, Source

logger = logging.getLogger(__name__)
EXTENSIONS = {"long_csv": "csv", "wide_table": "csv", "xlsx": "xlsx", "json": "json"}
USER_AGENT = "gosterge-etl/0.1 (+https://github.com/; development plan monitoring)"


class FetchError(RuntimeError):
    """The URL could not be fetched; the message says why."""


def fetch(url: str, options: HttpOptions, *, sleep: Callable[[float], None] = time.sleep) -> bytes:
    """The body of ``url``; raises :class:`FetchError` after the last failed attempt."""
    attempts = options.retries + 1
    last_error = ""
    for attempt in range(1, attempts + 1):
        try:
            response = requests.get(url, timeout=options.timeout_seconds, headers={"User-Agent": USER_AGENT})
        except requests.Timeout:
            last_error = f"no answer within {options.timeout_seconds:g} s"
        except requests.ConnectionError as error:
            last_error = f"cannot connect ({_short(error)})"
        except requests.RequestException as error:
            raise FetchError(f"{url}: {error}") from None
        else:
            if response.status_code == 200:
                return response.content
            last_error = f"HTTP {response.status_code} {response.reason}"
            if response.status_code < 500 and response.status_code != 429:
                raise FetchError(f"{url}: {last_error}")
        if attempt < attempts:
            wait = options.backoff_seconds * 2 ** (attempt - 1)
            logger.warning(
                "%s: attempt %d of %d failed (%s); retrying in %.1f s", url, attempt, attempts, last_error, wait
            )
            sleep(wait)
    raise FetchError(f"{url}: failed after {attempts} attempt{'s' if attempts > 1 else ''}: {last_error}")


def _short(error: Exception) -> str:
    text = str(error)
    for marker in ("Connection refused", "Name or service not known", "timed out", "Connection reset"):
        if marker in text:
            return marker
    return text[:200]


def download_name(source: Source) -> str:
    """The file name a download is recorded and archived under: the URL's, else ``<source id>.<extension>``."""
    assert source.url is not None
    name = Path(urlparse(source.url).path).name
    extension = EXTENSIONS[source.format]
    if not name or "." not in name:
        return f"{source.id}.{extension}"
    return name
