"""IBAN: country code, two check digits and the national account number (ISO 13616).

Valid when the number rearranged (first four characters moved to the end, letters as 10..35) is 1 mod 97
(https://www.iso13616.org/, ECBS EBS204). Spanish IBANs have 24 characters (``ES91 2100 0418 4502 0005 1332``).
"""

from __future__ import annotations

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer, make_result

# Lengths of the countries a Spanish/English clinic sees most; others are accepted within 15..34.
IBAN_LENGTHS = {
    "ES": 24,
    "PT": 25,
    "FR": 27,
    "DE": 22,
    "IT": 27,
    "GB": 22,
    "IE": 22,
    "NL": 18,
    "BE": 16,
    "CH": 21,
    "AT": 20,
    "AD": 24,
    "LU": 20,
    "PL": 28,
    "RO": 24,
    "SE": 24,
    "DK": 18,
    "NO": 15,
    "FI": 18,
}


def iban_is_valid(candidate: str) -> bool:
    iban = "".join(ch for ch in candidate if ch.isalnum()).upper()
    if not (15 <= len(iban) <= 34) or not iban[:2].isalpha() or not iban[2:4].isdigit():
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


class IbanRecognizer(RegexRecognizer):
    ENTITY = entities.IBAN_CODE
    PATTERNS = [
        Pattern("iban_compact", r"(?<![\w-])[A-Z]{2}\d{2}[A-Z0-9]{11,30}(?![\w-])", 0.5),
        Pattern("iban_grouped", r"(?<![\w-])[A-Z]{2}\d{2}(?:[ -][A-Z0-9]{4}){2,7}(?:[ -]\d{1,4})?(?![\w-])", 0.5),
    ]
    CONTEXT = ["iban", "cuenta", "bancaria", "account", "transferencia", "domiciliacion"]

    def validate_result(self, pattern_text: str) -> bool:
        return iban_is_valid(pattern_text)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        del entities, nlp_artifacts, regex_flags
        if not any(ch.isdigit() for ch in text):
            return []
        results: list[RecognizerResult] = []
        for _, compiled in self._compiled:
            position = 0
            while (match := compiled.search(text, position)) is not None:
                # A grouped IBAN followed by more words ("... 1332 IBAN ES91 ...") over-matches: keep the
                # longest prefix, cut at a group boundary, that passes the checksum, and scan on after it.
                value = match.group()
                cuts = [len(value)] + [i for i in range(len(value) - 1, 14, -1) if value[i] in " -"]
                valid = next((cut for cut in cuts if iban_is_valid(value[:cut])), None)
                if valid is None:
                    position = match.start() + 1
                    continue
                results.append(make_result(self, match.start(), match.start() + valid, self.MAX_SCORE))
                position = match.start() + valid
        return self.remove_duplicates(results)
