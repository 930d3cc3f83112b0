"""District names and codes as people write them → the plan's area.

Resolution of one written value, in order:

1. empty, the province's name or code, or a word for the whole province
   ("il geneli", "toplam", "İzmir İli" …) → the province;
2. an official district code of the plan (also ``1128.0`` from a spreadsheet,
   or a TÜİK MEDAS label such as ``İzmir(Aliağa)-1128``) → that district; a
   label whose names contradict its code (``İstanbul(Kadıköy)-1128``: 1128 is
   Aliağa, in İzmir) is rejected, naming both, since nothing tells which is right;
3. the name in Turkish lower case (``"KARŞIYAKA"``, ``"karşıyaka"``) → exact match;
4. the name folded to ASCII (``"KARSIYAKA"``, ``"Karsiyaka"``, ``"IZMIR"``): the
   match must be unique, otherwise the value is rejected as ambiguous, naming
   the candidates.

Optional decorations are ignored: a trailing "ilçesi"/"merkez" word and the
province's name before or after the district ("İzmir/Aliağa", "Aliağa (İzmir)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.turkish import loose_key, name_key
from gosterge.measurement_rules.shown import excerpt, shown
from gosterge.plan import Plan
from gosterge.rejections import ReasonCode, Rejection

PROVINCE = "province"
DISTRICT = "district"
PROVINCE_WORDS = ("il geneli", "il toplamı", "il toplam", "toplam", "genel toplam", "total", "province", "il")
PROVINCE_SUFFIXES = ("ili", "geneli", "il geneli", "toplam", "toplamı", "il toplamı", "province")
DISTRICT_SUFFIXES = ("ilçesi", "ilçe", "district")
MEDAS_LABEL = re.compile(r"\(([^()]*)\)\s*-\s*(\d+)\s*$")
INTEGRAL_FLOAT = re.compile(r"^(\d+)\.0+$")


@dataclass(frozen=True)
class Area:
    level: str
    code: str


class AreaResolver:
    """Resolves written district values for one plan (build once per run; each value once)."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.province = Area(PROVINCE, plan.province_code)
        self.codes = {code: Area(DISTRICT, code) for code in plan.districts}
        self.codes[plan.province_code] = self.province
        province_names = {
            plan.province,
            *PROVINCE_WORDS,
            *(f"{plan.province} {suffix}" for suffix in PROVINCE_SUFFIXES),
        }
        self.exact: dict[str, Area] = {name_key(name): self.province for name in province_names}
        self.loose: dict[str, set[Area]] = {}
        for name in province_names:
            self.loose.setdefault(loose_key(name), set()).add(self.province)
        for district in plan.districts.values():
            area = Area(DISTRICT, district.code)
            self.exact[name_key(district.name)] = area
            self.loose.setdefault(loose_key(district.name), set()).add(area)
        self.names = {
            area.code: name for area, name in [(Area(DISTRICT, d.code), d.name) for d in plan.districts.values()]
        }
        self.names[plan.province_code] = plan.province

    def resolve(self, written: str) -> Area | Rejection:
        """The area, or the reason the value names none."""
        text = written.strip()
        if not text:
            return self.province
        medas = MEDAS_LABEL.search(text)
        if medas and medas.group(2) in self.codes:
            return self._label(text, medas)
        integral = INTEGRAL_FLOAT.match(text)
        code = integral.group(1) if integral else text
        if code.isdigit():
            if code in self.codes:
                return self.codes[code]
            return Rejection(
                ReasonCode.UNKNOWN_DISTRICT_CODE,
                f"unknown district code {shown(code)} (expected a district code of {self.plan.province})",
                {"code": excerpt(code), "province": self.plan.province},
            )
        return self._by_name(text)

    def _label(self, text: str, medas: re.Match[str]) -> Area | Rejection:
        """A MEDAS label ``Province(District)-code``: the code's area, if the names agree with it."""
        code = medas.group(2)
        area = self.codes[code]
        province = text[: medas.start()].strip()
        if province and loose_key(province) not in (loose_key(self.plan.province), ""):
            return Rejection(
                ReasonCode.LABEL_NAMES_OTHER_PROVINCE,
                f"district {shown(text)}: the code {code} is {self.names[code]} in {self.plan.province}, but the "
                f"label names the province {province!r}; write the code or the name alone",
                {
                    "label": excerpt(text),
                    "code": code,
                    "district": self.names[code],
                    "province": self.plan.province,
                    "named": excerpt(province),
                },
            )
        name = medas.group(1).strip()
        if name and area.level == DISTRICT and self._by_name(name) != area:
            return Rejection(
                ReasonCode.LABEL_NAMES_OTHER_DISTRICT,
                f"district {shown(text)}: the code {code} is {self.names[code]}, but the label names {name!r}; "
                "write the code or the name alone",
                {"label": excerpt(text), "code": code, "district": self.names[code], "named": excerpt(name)},
            )
        return area

    def _by_name(self, text: str) -> Area | Rejection:
        """A district (or the province) named by ``text``, or the reason none is."""
        for candidate in self._variants(text):
            found = self.exact.get(name_key(candidate))
            if found:
                return found
        for candidate in self._variants(text):
            matches = self.loose.get(loose_key(candidate), set())
            if len(matches) == 1:
                return next(iter(matches))
            if len(matches) > 1:
                candidates = sorted(f"{self.names[area.code]} ({area.code})" for area in matches)
                return Rejection(
                    ReasonCode.AMBIGUOUS_DISTRICT,
                    f"ambiguous district {shown(text)}: matches {', '.join(candidates)}; write it with Turkish "
                    "letters or as a code",
                    {"district": excerpt(text), "candidates": candidates},
                )
        return Rejection(
            ReasonCode.UNKNOWN_DISTRICT,
            f"unknown district {shown(text)} (expected a district of {self.plan.province} or its code)",
            {"district": excerpt(text), "province": self.plan.province},
        )

    def _variants(self, text: str) -> list[str]:
        """The text, and the text without decorations (province name, "ilçesi")."""
        variants = [text]
        province = loose_key(self.plan.province)
        stripped = re.sub(
            r"\s*\(([^()]*)\)\s*$", lambda match: "" if loose_key(match.group(1)) == province else match.group(0), text
        )
        parts = re.split(r"\s*[/\-–,]\s*", stripped)
        if len(parts) == 2 and province in (loose_key(parts[0]), loose_key(parts[1])):
            stripped = parts[1] if loose_key(parts[0]) == province else parts[0]
        words = stripped.split()
        if len(words) > 1 and loose_key(words[-1]) in {loose_key(suffix) for suffix in DISTRICT_SUFFIXES}:
            stripped = " ".join(words[:-1])
        if stripped != text:
            variants.append(stripped)
        return variants
