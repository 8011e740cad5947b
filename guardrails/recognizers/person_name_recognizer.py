"""Person names introduced in chat style: "soy maria garcia", "me llamo jose luis", "my name is John Smith".

Works on lowercase, accent-free text. After a strong cue ("me llamo", "my name is", "a nombre de") any
name-like words count; after a weak cue ("soy", "I'm", "habla") the first word must be a known first name,
so "soy diabético" and "I'm late" are not names. The learned model finds names without a cue.
"""

from __future__ import annotations

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from spacy.lang.es.stop_words import STOP_WORDS as ES_STOP

from guardrails import entities
from guardrails.nlp import fold
from guardrails.recognizers.base import make_result
from guardrails.recognizers.names_gazetteer import gazetteer

_STRONG = (
    r"me\s+llamo|mi\s+nombre\s+es|mi\s+nombre:|my\s+name\s+is|my\s+name's|name\s*:|nombre\s*:|nombre\s+completo\s*:?|"
    r"a\s+nombre\s+de|de\s+parte\s+de|on\s+behalf\s+of|paciente\s*:|patient\s*:|se\s+llama|is\s+called|"
    r"call\s+me|ll[aá]mame|apellidos?\s*:|surname\s*:|full\s+name\s*:?"
)
_WEAK = (
    r"soy|yo\s+soy|i\s*am|i'm|im|this\s+is|it's|habla|te\s+escribe|le\s+escribe|les\s+escribe|os\s+escribe|"
    r"saludos|regards|un\s+saludo|atentamente|gracias|thanks|hola|hi|hello|buenos\s+d[ií]as|buenas\s+tardes|"
    r"buenas|mi\s+(?:hij[oa]|madre|padre|marido|mujer|espos[oa])|my\s+(?:son|daughter|mother|father|husband|wife)|"
    r"(?:madre|padre|hij[oa]|marido|mujer|espos[oa]|tutor[a]?|familiar|mother|father|wife|husband)\s+(?:de|of)"
)
_CUE = regex.compile(rf"(?<!\w)(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK}))[\s,:!.]+", regex.IGNORECASE)
_WORD = regex.compile(r"[^\W\d_][\w'’-]*")
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "van", "von", "da", "di", "le", "mc", "o'"})
# Stop words that are also common names or surname parts must not end a name.
NAME_STOP_WORDS = _STOP = (
    frozenset(fold(w) for w in (ES_STOP | EN_STOP)) - _PARTICLES - {"mar", "sol", "luz", "paz", "bien", "mayor"}
)
_NOT_NAMES = frozenset(
    """
    paciente nuevo nueva cliente usuario usuaria diabetico diabetica alergico alergica la el un una the a an
    hola buenas gracias ok vale si no please por favor quiero necesito tengo puedo queria llamo escribo
    medico doctor doctora enfermera enfermero madre padre hijo hija here calling writing looking trying going
    new patient sorry late back ready sure fine good bien mal aqui interested wondering
    empresa compania sociedad mutua seguro seguros clinica hospital centro ayuntamiento colegio company
    everyone all team equipo todos
    """.split()
)


class PersonNameRecognizer(LocalRecognizer):
    STRONG_SCORE = 0.85
    WEAK_SCORE = 0.7

    def __init__(self, supported_language: str = "es") -> None:
        super().__init__(
            supported_entities=[entities.PERSON],
            supported_language=supported_language,
            name=f"PersonNameRecognizer_{supported_language}",
        )

    def load(self) -> None:
        """The gazetteer is loaded lazily and cached per process."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del entities, nlp_artifacts  # one entity type; works on the raw text
        first_names, surnames = gazetteer()
        results: list[RecognizerResult] = []
        for cue in _CUE.finditer(text):
            strong = cue.group("strong") is not None
            span = self._name_after(text, cue.end(), strong, first_names, surnames)
            if span is not None:
                results.append(make_result(self, span[0], span[1], self.STRONG_SCORE if strong else self.WEAK_SCORE))
        return self.remove_duplicates(results)

    @staticmethod
    def _name_after(
        text: str, pos: int, strong: bool, first_names: frozenset[str], surnames: frozenset[str]
    ) -> tuple[int, int] | None:
        """The span of up to four name words starting at ``pos``, or None if the first word is no name."""
        start = end = -1
        words = 0
        pending_particle = False
        while words < 4:
            match = _WORD.match(text, pos)
            if match is None:
                break
            word = fold(match.group())
            if word in _PARTICLES and words > 0:
                pending_particle = True
            elif word in _STOP or word in _NOT_NAMES:
                break
            else:
                known = word in first_names or word in surnames
                if words == 0 and not strong and word not in first_names:
                    return None
                if words > 0 and not strong and not known and not match.group()[:1].isupper():
                    break
                if start < 0:
                    start = match.start()
                end = match.end()
                words += 1
                pending_particle = False
            gap = regex.match(r"[ \t]+", text[match.end() :])
            if gap is None:
                break
            pos = match.end() + gap.end()
        del pending_particle  # a trailing particle ("de") is simply left out of the span
        return (start, end) if start >= 0 else None
