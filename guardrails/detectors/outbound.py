"""Checks on replies before they reach a patient: advice phrasing, result values, requests for secrets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import PhraseSet, phrase_list

ADVICE_PHRASING = "advice_phrasing"
RESULT_VALUES = "result_values"
ASKS_FOR_SECRET = "asks_for_secret"

_ADVICE = phrase_list(
    """
    deberias tomar, debes tomar, tienes que tomar, tomate, te recomiendo tomar, le recomiendo tomar, te
    recomiendo que tomes, toma ibuprofeno, toma paracetamol, deja de tomar, deje de tomar, dejar de tomar,
    aumenta la dosis, reduce la dosis, la dosis recomendada, la dosis es, tu diagnostico, probablemente tengas,
    parece que tienes, seguramente tienes, es probable que tengas, you should take, you should stop, stop
    taking, i recommend taking, take ibuprofen, take paracetamol, take tylenol, increase the dose, reduce the
    dose, the recommended dose, the dose is, your diagnosis, you probably have, it sounds like you have, you
    likely have, it looks like you have
"""
)
_RESULTS = phrase_list(
    """
    tu resultado, tus resultados, su resultado, sus resultados, tu analitica, su analitica, your result, your
    results, your test, your blood test, your lab
"""
)
_ANALYTES = phrase_list(
    """
    glucosa, colesterol, hemoglobina, trigliceridos, ferritina, leucocitos, plaquetas, creatinina,
    transaminasas, tsh, psa, hba1c, vitamina d, hierro, ldl, hdl, glucose, cholesterol, hemoglobin,
    triglycerides, ferritin, platelets, white cells, creatinine, vitamin d, iron, a1c
"""
)
_VALUE_WORDS = phrase_list(
    """
    positivo, positiva, negativo, negativa, alto, alta, altos, altas, bajo, baja, bajos, bajas, elevado,
    elevada, normal, normales, alterado, alterada, positive, negative, high, low, elevated, abnormal, normal
"""
)
_ASK = phrase_list(
    """
    envia, enviame, envianos, manda, mandame, mandanos, dime, digame, indica, indicame, indiquenos, facilita,
    facilitame, facilitanos, escribe, escribeme, comparte, proporciona, proporcione, necesito tu, necesitamos
    tu, cual es tu, cual es su, me dices, me das, me pasas, me puedes dar, me facilitas, send, send me, send us,
    tell me, give me, provide, share, type, enter, confirm, what is your, we need your, i need your, can you
    send, can you give, could you send, could you give
"""
)
_SECRETS = phrase_list(
    """
    contrasena, password, clave, pin, numero de tarjeta, tarjeta de credito, tarjeta bancaria, cvv, cvc, codigo
    de seguridad, card number, credit card, seguridad social, social security, ssn, nss, iban, cuenta bancaria,
    numero de cuenta, bank account, codigo de verificacion, verification code, one time code, otp, dni completo,
    full ssn
"""
)
_NEGATIONS = frozenset({"no", "nunca", "jamas", "ni", "never", "dont", "not", "nor", "without", "sin"})
# Lab values: "240 mg/dl", "6,5 %", "hemoglobina 11".
_LAB_VALUE = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:mg ?dl|mmol|g ?dl|ui ?l|u ?l|ng ?ml|mui ?l|%)")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:mg|mcg|ml|gotas|drops)\b.{0,40}\b(?:cada|every|al dia|a day|per day)\b")

_PHRASES = PhraseSet(
    {
        ADVICE_PHRASING: _ADVICE,
        "results": _RESULTS,
        "analyte": _ANALYTES,
        "value": _VALUE_WORDS,
        "secret": _SECRETS,
    }
)
_ASKS = PhraseSet({"ask": _ASK})
_SECRET_ONLY = PhraseSet({"secret": _SECRETS})
_ADVICE_ONLY = PhraseSet({ADVICE_PHRASING: _ADVICE})


def _negated(tokens: tuple[str, ...], start: int) -> bool:
    return bool(_NEGATIONS & set(tokens[max(0, start - 4) : start]))


def _asks_for_secret(text: Normalized) -> bool:
    """A request verb followed closely by a secret, not negated ("we will never ask for your PIN")."""
    asks = [start for _, start in _ASKS.find_starts(text)]
    secrets = [start for _, start in _SECRET_ONLY.find_starts(text)]
    return any(a < s <= a + 8 and not _negated(text.tokens, a) for a in asks for s in secrets)


def _negated_advice(text: Normalized) -> bool:
    """Every advice phrase sits after a negation ("no indica dosis ni le dice si debe tomar")."""
    starts = [start for _, start in _ADVICE_ONLY.find_starts(text)]
    return bool(starts) and all(_negated(text.tokens, start) for start in starts)


# A number of hours, days or euros ("ayuno de 10 horas", "curva de glucosa 25 €") is no lab value.
_NOT_A_VALUE_UNIT = frozenset(
    "hora horas h minuto minutos min dia dias semana semanas mes meses ano anos hour hours minute minutes day days "
    "week weeks month months year years eur euro euros".split()
)


def _bare_number(tokens: Sequence[str]) -> bool:
    return any(
        t.isdigit() and (i + 1 == len(tokens) or tokens[i + 1] not in _NOT_A_VALUE_UNIT) for i, t in enumerate(tokens)
    )


class OutboundDetector:
    """Finds advice phrasing, result values and requests for full identifiers/passwords in outgoing text."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:  # noqa: ARG002 - rules on normalised text
        found = _PHRASES.find(text)
        names: set[str] = set()
        if (ADVICE_PHRASING in found and not _negated_advice(text)) or _DOSE.search(text.text):
            names.add(ADVICE_PHRASING)
        has_value = bool(_LAB_VALUE.search(text.text)) or "value" in found
        has_number = _bare_number(text.tokens)
        if ("results" in found and has_value) or ("analyte" in found and (has_value or has_number)):
            names.add(RESULT_VALUES)
        if "secret" in found and _asks_for_secret(text):
            names.add(ASKS_FOR_SECRET)
        return [Verdict(name=name) for name in sorted(names)]
