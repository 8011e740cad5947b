"""Fictional identifiers with valid check digits (DNI/NIE letter, NSS mod 97, IBAN mod 97, card Luhn) for test data."""

from __future__ import annotations

import random

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
NIE_PREFIX = {"X": "0", "Y": "1", "Z": "2"}


def dni_letter(number: int) -> str:
    """Control letter of a Spanish DNI: the number modulo 23 indexes a fixed table (Real Decreto 1553/2005)."""
    return DNI_LETTERS[number % 23]


def dni(rng: random.Random) -> str:
    number = rng.randrange(10_000_000, 99_999_999)
    return f"{number:08d}{dni_letter(number)}"


def nie(rng: random.Random) -> str:
    prefix = rng.choice("XYZ")
    number = rng.randrange(0, 9_999_999)
    return f"{prefix}{number:07d}{dni_letter(int(NIE_PREFIX[prefix] + f'{number:07d}'))}"


def valid_dni_or_nie(value: str) -> bool:
    text = value.upper().replace("-", "").replace(" ", "")
    if len(text) != 9 or not text[-1].isalpha():
        return False
    body = NIE_PREFIX.get(text[0], text[0]) + text[1:8]
    return body.isdigit() and dni_letter(int(body)) == text[-1]


def nss(rng: random.Random) -> str:
    """Spanish social security number: province, 8 digits, control = (province+number) mod 97."""
    province = rng.choice([28, 8, 46, 41, 29, 3, 48, 30])
    number = rng.randrange(10_000_000, 99_999_999)
    return f"{province:02d}{number:08d}{int(f'{province:02d}{number:08d}') % 97:02d}"


def valid_nss(value: str) -> bool:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 12:
        return False
    province, number, control = int(digits[:2]), int(digits[2:10]), int(digits[10:])
    base = number + province * 10_000_000 if number < 10_000_000 else int(digits[:10])
    return base % 97 == control


def _ccc_digit(digits: str, weights: tuple[int, ...]) -> int:
    value = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return {10: 1, 11: 0}.get(value, value)


def iban_es(rng: random.Random) -> str:
    """A Spanish IBAN whose bank account (CCC) control digits and IBAN mod-97 check digits are both valid."""
    bank = rng.choice(["2100", "0049", "0182", "2085", "0081", "1465", "0128"])
    branch = f"{rng.randrange(0, 9999):04d}"
    account = f"{rng.randrange(0, 9_999_999_999):010d}"
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)
    dc = f"{_ccc_digit('00' + bank + branch, weights)}{_ccc_digit(account, weights)}"
    bban = bank + branch + dc + account
    check = 98 - int(bban + "142800") % 97  # "ES" is 14 28 in the ISO 13616 letter-to-number mapping
    return f"ES{check:02d}{bban}"


def valid_iban(value: str) -> bool:
    text = value.replace(" ", "").upper()
    if len(text) < 15 or not text[:2].isalpha():
        return False
    rearranged = text[4:] + text[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def luhn_ok(value: str) -> bool:
    digits = [int(ch) for ch in value if ch.isdigit()][::-1]
    total = 0
    for index, digit in enumerate(digits):
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return len(digits) >= 13 and total % 10 == 0


def card(rng: random.Random) -> str:
    """A Luhn-valid 16-digit Visa or Mastercard number (fictional)."""
    prefix = rng.choice(["4", "51", "52", "53", "54", "55"])
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(15 - len(prefix)))
    for last in range(10):
        if luhn_ok(body + str(last)):
            return body + str(last)
    raise AssertionError("unreachable: one check digit always fits")


def group(value: str, size: int = 4, sep: str = " ") -> str:
    return sep.join(value[i : i + size] for i in range(0, len(value), size))
