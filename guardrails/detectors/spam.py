"""Spam: money, prizes, crypto, adult content, link farms and repeated junk, Spanish and English."""

from __future__ import annotations

import re

from guardrails.decision import Verdict
from guardrails.detectors.normalize import COURTESY_WORDS, Normalized
from guardrails.detectors.phrases import PhraseSet, phrase_list

SPAM = "spam"

_STRONG = "strong"
_WEAK = "weak"

_STRONG_PHRASES = phrase_list(
    """
    gana dinero, ganar dinero, dinero facil, has ganado, has sido seleccionad~, premio, sorteo, loteria, casino,
    apuestas, bitcoin, criptomoneda~, cripto, invierte, inversion garantizada, trabaja desde casa, ingresos
    extra, prestamo rapido, seguidores gratis, haz clic, pincha aqui, make money, easy money, you have won, you
    won, winner, prize, lottery, betting, crypto, invest now, guaranteed returns, work from home, extra income,
    fast loan, free followers, click here, click the link, forex, onlyfans, hot singles, dating site, seo
    services, backlinks, limited time offer, oferta limitada, act now, seo, posicionamiento,
    posicionamiento seo, responde si, reply yes, airdrop, wallet, gift card, tarjeta regalo, iphone gratis, gana
    un, win a, reenviado muchas veces, forwarded many times, share this message, comparte este mensaje, mala
    suerte, bad luck, claim now, reclama tu, hot singles, singles in your area, duplica tu dinero, double your
    money
"""
)
_WEAK_PHRASES = phrase_list(
    """
    gratis, free, oferta, offer, descuento, discount, regalo, gift, link, enlace
"""
)
_URL = re.compile(r"https?://\S+|www\.\S+|\b\S+\.(?:com|net|org|io|ru|xyz|top|biz|info)/\S*", re.IGNORECASE)

_PHRASES = PhraseSet({_STRONG: _STRONG_PHRASES, _WEAK: _WEAK_PHRASES})


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjklñ", "zxcvbnm")


def is_keyboard_mash(text: Normalized) -> bool:
    """Only letters typed along a keyboard row or without vowels ("asdfghjkl", "qwerty", "jjkkll")."""
    # A courtesy word typed after the mash ("asdfgh please") does not make it a message.
    said = [t for t in text.tokens if t not in COURTESY_WORDS]
    words = [t for t in said if t.isalpha()]

    def mash(word: str) -> bool:
        if len(word) < 5:
            return False
        along_a_row = any(word in row or word[::-1] in row for row in _KEYBOARD_ROWS)
        vowels = sum(ch in "aeiou" for ch in word) / len(word)
        return along_a_row or vowels < 0.15

    return bool(words) and len(words) == len(said) and all(mash(w) for w in words)


class SpamDetector:
    """Finds spam (``spam``): promotional keywords, link farms, and the same word repeated over and over."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:
        found = _PHRASES.find(text)
        urls = len(_URL.findall(raw))
        tokens = text.tokens
        repeated = len(tokens) >= 8 and len(set(tokens)) <= len(tokens) // 4
        if _STRONG in found or urls >= 2 or repeated or (urls and _WEAK in found) or is_keyboard_mash(text):
            return [Verdict(name=SPAM)]
        return []
