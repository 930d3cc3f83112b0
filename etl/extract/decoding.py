"""Turn the bytes of a text file into UTF-8, knowing (not guessing) the encoding.

Detection, when the source says ``encoding = "auto"``:

1. A byte-order mark decides (UTF-8, UTF-16).
2. Bytes that decode as strict UTF-8 are UTF-8 (plain ASCII included).
3. Otherwise the file is Windows-1254 or ISO-8859-9. The two agree on every
   Turkish letter and differ only in bytes 0x80-0x9F, which are punctuation
   (’ “ ” – €) in Windows-1254 and unused control codes in ISO-8859-9: a file
   with such bytes is Windows-1254, a file without them reads the same either
   way. The decoded text must then contain Turkish letters and no letters
   Turkish does not use (Ý ý Þ þ Ð ð): otherwise the encoding is something
   else (Western European, DOS 857 …) and the file fails with a message asking
   for the encoding to be declared, rather than loading wrong letters.

Whatever the encoding, text showing the marks of an earlier wrong conversion
("Ýzmir", "KarÅŸÄ±yaka") fails too: those letters would never match a district.
"""

from __future__ import annotations

import codecs
import re

import numpy as np
import pyarrow as pa

from etl.extract.errors import ExtractError

TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")
FOREIGN_LETTERS = set("ÝýÞþÐð")
MOJIBAKE = re.compile(
    r"[ÃÄÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u201e\u2020-\u2022"
    r"\u2026\u2030\u2039\u203a\u20ac\u2122]|[ÝýÞþÐð]"
)
HEAD_BYTES = 200_000
UTF8_LETTER = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
C1_CONTROLS = re.compile(r"[\u0080-\u009f]")
MOJIBAKE_LEADS = "ÃÄÅÝýÞþÐð"  # a decoded text without any of these cannot show MOJIBAKE
#: the same letters as UTF-8 bytes: for UTF-8 the check runs on the bytes, without decoding the file
MOJIBAKE_LEADS_UTF8 = re.compile(b"|".join(re.escape(lead.encode("utf-8")) for lead in MOJIBAKE_LEADS))
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1254": "Windows-1254 (Turkish)",
    "iso-8859-9": "ISO-8859-9 (Turkish)",
    "turkish": "Turkish single-byte (Windows-1254 and ISO-8859-9 read this file alike)",
}


class Decoded:
    """Decoded text; a UTF-8 file keeps only its bytes and decodes again when the whole text is needed."""

    def __init__(self, text: str, encoding: str, utf8: bytes | None = None):
        self.encoding = encoding
        self.utf8 = utf8  # the original bytes without a byte-order mark, when they are UTF-8
        self._text = None if utf8 is not None and len(utf8) > HEAD_BYTES else text
        self.head = text[:HEAD_BYTES]

    @classmethod
    def from_utf8(cls, utf8: bytes, encoding: str) -> Decoded:
        """Valid UTF-8 bytes (without a byte-order mark); a large file decodes only its head here."""
        if len(utf8) <= HEAD_BYTES:
            return cls(utf8.decode("utf-8"), encoding, utf8)
        # HEAD_BYTES characters take at most 4 × HEAD_BYTES bytes; a character cut at the end is held back
        head = codecs.getincrementaldecoder("utf-8")().decode(utf8[: 4 * HEAD_BYTES], final=False)
        return cls(head[:HEAD_BYTES], encoding, utf8)

    @property
    def text(self) -> str:
        if self._text is None:
            assert self.utf8 is not None
            return self.utf8.decode("utf-8")
        return self._text

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB: not a text file."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls > len(sample) // 100 + 2


def decode(data: bytes, declared: str, file_name: str) -> Decoded:
    """Decode ``data`` with the declared encoding, or detect it (``declared = "auto"``)."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text = _strict(data, "utf-16", file_name)
        return _checked(text.replace("\r", "\n") if "\n" not in text else text, "utf-16", file_name)
    data = line_feeds(data)
    if looks_binary(data):
        raise ExtractError(f"{file_name}: not a text file (it holds binary bytes); expected a CSV text file")
    if declared != "auto":
        encoding = "utf-8-sig" if declared == "utf-8" else declared
        if encoding == "utf-8-sig":
            utf8 = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
            if is_utf8(utf8):
                return _checked_utf8(utf8, encoding, file_name)
        return _checked(_strict(data, encoding, file_name), encoding, file_name)
    if data.startswith(b"\xef\xbb\xbf"):
        utf8 = data[3:]
        if is_utf8(utf8):
            return _checked_utf8(utf8, "utf-8-sig", file_name)
        return _checked(_strict(data, "utf-8-sig", file_name), "utf-8-sig", file_name, utf8)
    if is_utf8(data):
        return _checked_utf8(data, "utf-8", file_name)
    _refuse_mixed(data, file_name)
    return _single_byte(data, file_name)


def _refuse_mixed(data: bytes, file_name: str) -> None:
    """UTF-8 letters before the first byte that is not UTF-8: the file mixes encodings (rows pasted from
    another file). Read as one single-byte encoding, the UTF-8 letters would turn into wrong ones, so the
    message names the first line that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
    else:
        return
    letter = UTF8_LETTER.search(data, 0, start)
    if letter is None:
        return
    line = data.count(b"\n", 0, start) + 1
    utf8_line = data.count(b"\n", 0, letter.start()) + 1
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", start)
    shown = data[line_start : line_end if line_end >= 0 else len(data)].decode("cp1254", errors="replace")
    raise ExtractError(
        f"{file_name}: line {line}: byte 0x{data[start]:02x} is not UTF-8 ({shown.strip()[:60]!r} read as "
        f"Windows-1254), while line {utf8_line} is UTF-8: the file mixes encodings; "
        "re-save it as UTF-8 from its original"
    )


def line_feeds(data: bytes) -> bytes:
    """Lines ending in a lone CR (Excel's "CSV (Macintosh)") get LF line ends; other files stay as they are."""
    if b"\r" in data[:HEAD_BYTES] and b"\n" not in data:
        return data.replace(b"\r", b"\n")
    return data


def is_utf8(data: bytes) -> bool:
    """Strict UTF-8, as ``data.decode("utf-8")`` accepts it, checked in place (no decoded copy of the file)."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _strict(data: bytes, encoding: str, file_name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ExtractError(
            f"{file_name}: line {line}: byte 0x{data[error.start]:02x} is not valid "
            f"{ENCODING_NAMES.get(encoding, encoding)}; declare the right encoding "
            "in sources.toml (utf-8, cp1254 or iso-8859-9)"
        ) from None


def _single_byte(data: bytes, file_name: str) -> Decoded:
    encoding = "cp1254" if re.search(rb"[\x80-\x9f]", data) else "turkish"
    try:
        text = data.decode("cp1254" if encoding == "cp1254" else "iso-8859-9")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ExtractError(
            f"{file_name}: line {line}: the encoding is neither UTF-8 nor Turkish "
            f"(byte 0x{data[error.start]:02x} is unused in Windows-1254); re-save the file "
            "as UTF-8 or declare its encoding in sources.toml"
        ) from None
    letters = {character for character in set(text) if ord(character) > 127 and character.isalpha()}
    if not letters & TURKISH_LETTERS or letters & FOREIGN_LETTERS or C1_CONTROLS.search(text):
        sample = "".join(sorted(letters))[:20] or "none"
        raise ExtractError(
            f"{file_name}: cannot tell the encoding: not UTF-8, and read as Turkish "
            f"(Windows-1254/ISO-8859-9) it gives letters {sample!r}; re-save the file as "
            'UTF-8 or declare encoding = "cp1254" or "iso-8859-9" in sources.toml'
        )
    return _checked(text, encoding, file_name)


def _checked_utf8(utf8: bytes, encoding: str, file_name: str) -> Decoded:
    """:func:`_checked` for valid UTF-8 bytes; the file is decoded whole only if it holds a letter to look at."""
    if MOJIBAKE_LEADS_UTF8.search(utf8) is None:
        return Decoded.from_utf8(utf8, encoding)
    return _checked(utf8.decode("utf-8"), encoding, file_name, utf8)


def _checked(text: str, encoding: str, file_name: str, utf8: bytes | None = None) -> Decoded:
    """Refuse text that shows an earlier wrong conversion (letters that can never match)."""
    if not any(lead in text for lead in MOJIBAKE_LEADS):
        return Decoded(text, encoding, utf8)
    match = MOJIBAKE.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        start = text.rfind("\n", 0, match.start()) + 1
        word = re.findall(r"[^\s,;\t|]+", text[start:])
        shown = next((item for item in word if match.group(0) in item), match.group(0))
        raise ExtractError(
            f"{file_name}: line {line}: {shown!r} holds {match.group(0)!r}, the mark of Turkish "
            f"text converted with the wrong encoding (read as {ENCODING_NAMES.get(encoding, encoding)}"
            "); fix the file from its original or declare its encoding in sources.toml"
        )
    return Decoded(text, encoding, utf8)
