"""Payment card numbers (13-19 digits, grouped by spaces or dashes) checked with the Luhn algorithm.

ISO/IEC 7812-1 (https://www.iso.org/standard/70484.html); Luhn: double every second digit from the right,
subtract 9 from results above 9, the sum must be a multiple of 10.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer, digits


def luhn_is_valid(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class CreditCardRecognizer(RegexRecognizer):
    ENTITY = entities.CREDIT_CARD
    PATTERNS = [
        Pattern("card_grouped", r"(?<![\w-])[2-6]\d{3}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\w-])", 0.5),
        Pattern("card_amex", r"(?<![\w-])3[47]\d{2}[ -]?\d{6}[ -]?\d{5}(?![\w-])", 0.5),
    ]
    CONTEXT = ["tarjeta", "card", "visa", "mastercard", "credito", "debito", "credit", "debit", "pago"]

    def validate_result(self, pattern_text: str) -> bool:
        number = digits(pattern_text)
        return 13 <= len(number) <= 19 and luhn_is_valid(number)
