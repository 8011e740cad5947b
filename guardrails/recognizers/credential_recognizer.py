"""Credentials: passwords, one-time codes and PINs after words such as "mi contraseña es", "código", "PIN".

There is nothing to validate in a secret, so the value counts only right after such a word; it is always
a sensitive identifier (the patient is told not to share it, and it is never stored).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from guardrails import entities
from guardrails.recognizers.base import RegexRecognizer

_SECRET_WORD = (
    r"(?:contrase[nñ]a|contrasena|password|passwd|pass|pwd|clave(?:\s+de\s+acceso)?|usuario\s+y\s+contrase[nñ]a|"
    r"passcode|login)"
    # "la clave del portal es …", "my password for the app is …"
    r"(?:\s+(?:del|de\s+la|de\s+mi|de|for\s+the|for\s+my|of\s+the|to\s+the)\s+"
    r"(?:portal|app|web|cuenta|account|usuario|[aá]rea\s+(?:de\s+)?paciente|patient\s+portal|login))?"
)
_CODE_WORD = (
    r"(?:c[oó]digo(?:\s+de\s+(?:verificaci[oó]n|acceso|seguridad|confirmaci[oó]n))?|codigo|pin|otp|"
    r"(?:verification|security|access|one[-\s]time|confirmation)\s+code|code|cvv|cvc)"
)
_MY = r"(?<![\w-])(?:(?:mi|el|la|my|the|tu|your|su)\s+)?"
_LINK = r"(?:\s*(?:es|is|era|was|:|=|->|nuevo|nueva|new|de\s+acceso|que\s+me\s+(?:lleg[oó]|han\s+enviado|enviaron)|"
_LINK += r"(?:que\s+)?(?:i\s+)?(?:got|received|recib[ií]|me\s+ha\s+llegado)|sms|del\s+sms|es\s+el)){0,4}\s*"


class CredentialRecognizer(RegexRecognizer):
    ENTITY = entities.CREDENTIAL
    NEEDS_DIGIT = False
    PATTERNS = [
        # After "es"/"is"/":" anything is the secret; right after the word, only a token with a digit or symbol.
        Pattern(
            "secret_after_is",
            rf"(?:\b{_MY}{_SECRET_WORD}\s*(?:es|is|era|was|:|=|->)\s*)\K(?![\"'“]?(?:el|la|de|del|que|para|y|and|the)\b)[^\s\"'“”]{{3,64}}",
            0.85,
        ),
        Pattern(
            "secret_after_word",
            rf"(?:\b{_MY}{_SECRET_WORD}{_LINK})\K(?=[^\s]*[\d!@#$%&*_.+=-])[^\s\"'“”?¿]{{4,64}}",
            0.85,
        ),
        Pattern("code_after_word", rf"(?:\b{_MY}{_CODE_WORD}{_LINK})\K\d{{3,8}}(?!\w)", 0.8),
        Pattern(
            "alnum_code_after_word",
            rf"(?:\b{_MY}{_CODE_WORD}{_LINK})\K"
            r"(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{5,10}(?!\w)",
            0.7,
        ),
    ]
    CONTEXT = ["contrasena", "password", "clave", "pin", "codigo", "code", "otp"]
