"""Emergencies and self-harm, Spanish and English: generous phrase lists, typo-tolerant, recall first.

A missed emergency is the worst failure of a front desk, so these lists err on the side of escalating.
"""

from __future__ import annotations

import re

from guardrails.decision import Verdict
from guardrails.detectors.concepts import Concept, ConceptRule, ConceptRules
from guardrails.detectors.normalize import Normalized
from guardrails.detectors.phrases import CharFuzzy, PhraseSet, phrase_list

EMERGENCY = "emergency"
SELF_HARM = "self_harm"

_EMERGENCY_ES = phrase_list(
    """
    dolor de pexo, me duele el pexo, dolor en el pexo, dolor de pecho, dolor en el pecho, dolor fuerte en el
    pecho, me duele el pecho, me duele mucho el pecho, le duele el pecho, dolor * pecho, opresion en el pecho,
    presion en el pecho, pecho me duele, pecho me aprieta, me aprieta el pecho, no puedo respirar, no puede
    respirar, no puedo respirar bien, no puedo casi respirar, casi no puedo respirar, me cuesta respirar, le
    cuesta respirar, no respira, me ahogo, se ahoga, me estoy ahogando, se esta ahogando, me falta el aire, le
    falta el aire, me falta la respiracion, falta de aire, dificultad para respirar, dificultad respiratoria, se
    ha desmayado, se desmayo, se ha caido y no, me he desmayado, perdio el conocimiento, ha perdido el
    conocimiento, perdida de conocimiento, esta inconsciente, inconsciente, no reacciona, no se despierta,
    convulsion~, convulsiona~, ataque epileptico, crisis epileptica, sangra mucho, sangrando mucho, sangrado
    abundante, sale mucha sangre, pierdo mucha sangre, perdiendo mucha sangre, hemorragia, no para de sangrar,
    no deja de sangrar, cara torcida, se le tuerce la boca, boca torcida, no puedo mover el brazo, no puedo
    mover la pierna, no puede hablar, no puedo hablar bien, se me duerme medio cuerpo, medio cuerpo dormido,
    reaccion alergica grave, reaccion alergica fuerte, anafila~, choque anafilactico, se me cierra la garganta,
    se me hincha la garganta, se le hincha la cara, labios morados, se esta poniendo morado, envenena~,
    intoxica~, se ha tragado, ha tragado pastillas, se ha tomado pastillas de, ha bebido lejia, ha tomado lejia,
    accidente grave, atropell~, quemadura grave, me estoy muriendo, se esta muriendo, llamar a una ambulancia,
    llamad a una ambulancia, ambulancia, llamar al 112, es una emergencia, emergencia medica, tengo una
    emergencia, golpe muy fuerte en la cabeza, fiebre muy alta y convulsion~, el bebe no respira, vomito sangre,
    vomitando sangre, toso sangre, tosiendo sangre, perdida de vision repentina, de repente no veo, dolor muy
    fuerte de cabeza de repente, desangrando, me desangro, se desangra, me he cortado y sangra, corte profundo,
    herida profunda, sangra sin parar, sangrado que no para, mucha fiebre y rigidez de cuello, no me siento el
    brazo, se ha quedado morado, no puede respirar bien, ahogandose
"""
)
_EMERGENCY_EN = phrase_list(
    """
    chest pain, chest pains, pain in my chest, pain in the chest, my chest hurts, chest hurts, chest is hurting,
    chest tightness, tight chest, chest feels tight, pressure in my chest, crushing pain, cant breathe, cant
    breath, can not breathe, unable to breathe, hard to breathe, trouble breathing, struggling to breathe,
    difficulty breathing, short of breath, shortness of breath, not breathing, stopped breathing, choking,
    passed out, fainted, unconscious, unresponsive, wont wake up, seizure, seizures, having a fit, convulsing,
    bleeding heavily, heavy bleeding, bleeding a lot, wont stop bleeding, cant stop the bleeding, lot of blood,
    face drooping, face is drooping, slurred speech, cant move my arm, cant move my leg, anaphylaxis,
    anaphylactic, severe allergic reaction, throat is closing, throat closing, throat is swelling, lips turning
    blue, lips are blue, turning blue, poisoned, poisoning, swallowed bleach, drank bleach, overdosed, call an
    ambulance, need an ambulance, send an ambulance, ambulance, this is an emergency, medical emergency, im
    dying, i am dying, he is dying, she is dying, coughing up blood, vomiting blood, sudden loss of vision,
    worst headache of my life, bleeding out, bleeding badly, deep cut, cant stop bleeding, wont stop bleeding,
    blood everywhere, collapsed, not waking up, cant feel my arm, turning purple
"""
)
_SELF_HARM_ES = phrase_list(
    """
    nadie me echaria de menos, nadie me echara de menos, estarian mejor sin mi, estarian mejor sin mi, si
    desapareciera, si me muriera, despedirme de todos, me quiero morir, quiero morir, quiero morirme, me quiero
    matar, quiero matarme, me voy a matar, voy a matarme, matarme, suicid~, quitarme la vida, quitarme de en
    medio, acabar con mi vida, terminar con mi vida, acabar con todo, no quiero vivir, no quiero seguir
    viviendo, no quiero seguir, no vale la pena vivir, no tiene sentido vivir, mejor muerto, mejor muerta,
    estaria mejor muerto, estaria mejor muerta, desaparecer para siempre, hacerme dano, autolesion~, me
    autolesiono, cortarme las venas, me corto las venas, me he cortado las venas, me he cortado los brazos,
    cortarme los brazos, me he tomado todas las pastillas, me tome todas las pastillas, me he tomado todas mis
    pastillas, tome todas las pastillas, tomado todas las pastillas, tomado todas mis pastillas, tomado muchas
    pastillas, tome muchas pastillas, un monton de pastillas, tomado un monton de, me he tomado * caja, me tome
    * caja, toda la caja, un bote entero, me he tomado * bote, sobredosis, tirarme por la ventana, tirarme de un
    puente, tirarme a las vias, tirarme al tren, ahorcarme, colgarme, no quiero despertar, quiero dejar de
    existir, ojala no despertar, ojala estuviera muerto, ojala estuviera muerta, tomar todas las pastillas,
    tomarme todas las pastillas, tomarme todas mis pastillas, voy a tomar todas, tomarme la caja entera, hacerme
    dano, me hago dano, lastimarme, me quiero hacer dano, quiero desaparecer, no quiero estar aqui, mejor si no
    estuviera, terminar con todo, ya no puedo seguir viviendo
"""
)
_SELF_HARM_EN = phrase_list(
    """
    no one would miss me, nobody would miss me, better off without me, if i disappeared, if i died, say goodbye
    to everyone, tonight is the night, kill myself, killing myself, end my life, ending my life, take my own
    life, take my life, suicid~, want to die, wish i was dead, wish i were dead, want to be dead, better off
    dead, dont want to live, dont want to be alive, no reason to live, nothing to live for, hurt myself, harm
    myself, self harm, selfharm, cut myself, cutting myself, took all my pills, took all the pills, taken all my
    pills, took all my, whole bottle of pills, bottle of pills, handful of pills, too many pills, lots of pills,
    a lot of pills, overdose, jump off a bridge, jump in front of a train, hang myself, end it all, not wake up,
    dont want to wake up, disappear forever, ending it all, end it all, ending it, hurting myself, harming
    myself, hurt myself, cutting myself, take all my pills, take all the pills, taking all my pills, want to
    disappear, dont want to be here anymore, no point in living, not worth living, kill my self, suicide
"""
)

# "me he tomado 30 pastillas", "took 20 tablets": a two-digit count of pills is an overdose.
_PILL_COUNT = re.compile(
    r"\b(?:tomado|tome|tomo|trague|tragado|took|taken|swallowed|had)\b(?: \w+){0,2} (?:\d{2,}|veinte|treinta|cuarenta|"
    r"cincuenta|twenty|thirty|forty|fifty)\b(?: \w+){0,2} (?:pastillas|pastis|pildoras|comprimidos|capsulas|pills|"
    r"tablets|capsules)\b"
)

_PHRASES = PhraseSet({EMERGENCY: _EMERGENCY_ES + _EMERGENCY_EN, SELF_HARM: _SELF_HARM_ES + _SELF_HARM_EN})


# Content words that make the slower character-level pass worth running (function words excluded).
_NOT_ANCHORS = frozenset(
    phrase_list(
        """
        quiero, puedo, puede, tengo, tiene, estoy, estar, mucho, mucha, muchas, hacer, dejar, mejor, llamar,
        cuesta, siento, medio, having, feels, taking, taken, nothing, whole, front, point, reason, better, forever,
        siempre, todas
        """
    )
)
_ANCHORS = [w for w in _PHRASES._vocab if len(w) >= 5 and w not in _NOT_ANCHORS]
_SELF_HARM_FUZZY = CharFuzzy(_SELF_HARM_ES + _SELF_HARM_EN, _PHRASES, _ANCHORS)
_EMERGENCY_FUZZY = CharFuzzy(_EMERGENCY_ES + _EMERGENCY_EN, _PHRASES, _ANCHORS)


# A body part or function next to a danger sign: new wordings of the same emergencies.
_CHEST = Concept("chest", phrase_list("pecho, torax, chest"))
_CHEST_SIGN = Concept(
    "chest_sign",
    phrase_list(
        """
        dolor, duele, oprimido, oprime, opresion, aprieta, apretado, presion, pesadez, pinchazo, crushed,
        crushing, tight, tightness, pressure, pain, hurts, heavy, squeezing
        """
    ),
)
_BREATH = Concept("breath", phrase_list("respirar, respiro, respira, respiracion, aire, breath, breathe, breathing"))
_BREATH_SIGN = Concept(
    "breath_sign",
    phrase_list(
        """
        no puedo, no puede, casi no, me falta, le falta, me cuesta, le cuesta, dificultad, no me entra, no le entra,
        cant, unable, catch, struggling, hard to, trouble, short of, gasping
        """
    ),
)
_NEURO_PART = Concept(
    "neuro_part",
    phrase_list("cara, boca, brazo, pierna, medio cuerpo, mitad de, un lado, face, mouth, arm, leg, one side, half"),
)
_NEURO_SIGN = Concept(
    "neuro_sign",
    phrase_list(
        """
        dormido, dormida, se me ha dormido, paralizad~, torcid~, no puedo mover, no siento,
        entumecid~, droop~, numb, cant move, cant feel, paralysed, paralyzed, weak
        """
    ),
)
_SPEECH = Concept("speech", phrase_list("hablo raro, habla raro, hablar raro, lengua trabada, slurred, speech"))
_SWELL_PART = Concept("swell_part", phrase_list("lengua, labios, parpados, tongue, lips"))
_SWELL_SIGN = Concept("swell_sign", phrase_list("hinch~, swell~, swollen"))
# "Tengo la garganta inflamada" is a sore throat; a throat that closes is anaphylaxis.
_THROAT = Concept("throat", phrase_list("garganta, throat"))
_THROAT_SIGN = Concept("throat_sign", phrase_list("cerrando, cierra, closing, tight, no puedo tragar, cant swallow"))
_INGEST = Concept(
    "ingest",
    phrase_list(
        """
        se ha comido, se ha tragado, se ha bebido, ha comido, ha tragado, ha bebido, comio, trago,
        swallowed, ate, drank, ingested, took a whole, taken a whole, got into
        """
    ),
)
_SUBSTANCE = Concept(
    "substance",
    phrase_list(
        """
        pastillas, pastilla, medicamentos, comprimidos, lejia, detergente, amoniaco, pila, pilas, veneno,
        raticida, pills, tablets, sleeping pills, pack, bottle, bleach, detergent, battery, batteries, poison
        """
    ),
)
_PERSON_DOWN = Concept(
    "person_down",
    phrase_list("se ha caido, se cayo, ha caido, desplomado, collapsed, fell, fallen, found him, found her"),
)
_NO_RESPONSE = Concept(
    "no_response",
    phrase_list(
        """
        no se mueve, no contesta, no responde, no reacciona, no despierta, not moving, not responding,
        not answering, wont wake, unresponsive
        """
    ),
)
_FEVER = Concept("fever", phrase_list("fiebre, 40 de fiebre, fever, temperature"))
_FEVER_SIGN = Concept(
    "fever_sign",
    phrase_list("confus~, delira~, no reacciona, rigidez, convuls~, manchas, confused, stiff neck, seizure, rash"),
)
# Not "sangre"/"blood": blood tests are everyday desk talk.
_BLEED = Concept("bleed", phrase_list("sangrando, sangra, sangro, sangrado, hemorrag~, bleeding, bleed, bleeds"))
_BLEED_SIGN = Concept(
    "bleed_sign",
    phrase_list("no para, no deja, sin parar, a chorro, una hora, wont stop, heavily, everywhere, for an hour"),
)
_LIFE = Concept("life", phrase_list("vivir, vida, seguir aqui, seguir viviendo, living, live, life, alive, being here"))
_NO_POINT = Concept(
    "no_point",
    phrase_list(
        """
        sin sentido, no tiene sentido, no le veo sentido, no veo sentido, no tengo ganas de, cansado de, cansada de,
        no merece la pena,
        no vale la pena, point in, no point, no reason, dont want, tired of, sick of, cant go on
        """
    ),
)
_END = Concept("end", phrase_list("acabar con, terminar con, end it, end things, ending it, quitarme de en medio"))
_WHEN = Concept(
    "when", phrase_list("esta noche, todo preparado, lo tengo preparado, tonight, plan, for good, para siempre")
)
_HARM = Concept("harm", phrase_list("hacerme dano, hacerme mal, hurt myself, harm myself, cut myself"))
_AGAIN = Concept("again", phrase_list("ganas de, otra vez, quiero, pienso en, want to, urge to, again, thinking"))

# "Tirarme por el balcón": jumping from a height.
_JUMP = Concept("jump", phrase_list("tirarme, lanzarme, saltar, jump off, jump from, throw myself"))
_HEIGHT = Concept(
    "height",
    phrase_list(
        """
        balcon, ventana, puente, azotea, terraza, edificio, vias, tren, metro, acantilado, window, bridge, roof,
        balcony, train, building, cliff
        """
    ),
)
_MEANS = Concept("means", phrase_list("pastillas, pills, cuerda, rope, cuchilla, blade, pistola, gun"))
_READY = Concept(
    "ready", phrase_list("preparad~, listas, listos, ready, tonight, esta noche, guardadas, saved up, stockpil~")
)
_MUCH_BLOOD = Concept("much_blood", phrase_list("mucha sangre, a lot of blood, lots of blood, so much blood"))

_CONCEPTS = ConceptRules(
    [
        ConceptRule(EMERGENCY, _CHEST, _CHEST_SIGN, window=4),
        ConceptRule(EMERGENCY, _BREATH, _BREATH_SIGN, window=4),
        ConceptRule(EMERGENCY, _NEURO_PART, _NEURO_SIGN, window=4),
        ConceptRule(EMERGENCY, _SPEECH, _NEURO_SIGN, window=8),
        ConceptRule(EMERGENCY, _SWELL_PART, _SWELL_SIGN, window=4),
        ConceptRule(EMERGENCY, _THROAT, _THROAT_SIGN, window=4),
        ConceptRule(EMERGENCY, _INGEST, _SUBSTANCE, window=5),
        ConceptRule(EMERGENCY, _PERSON_DOWN, _NO_RESPONSE, window=8),
        ConceptRule(EMERGENCY, _FEVER, _FEVER_SIGN, window=6),
        ConceptRule(EMERGENCY, _BLEED, _BLEED_SIGN, window=4),
        ConceptRule(SELF_HARM, _LIFE, _NO_POINT, window=5),
        ConceptRule(SELF_HARM, _END, _WHEN, window=4),
        ConceptRule(SELF_HARM, _HARM, _AGAIN, window=4),
        ConceptRule(SELF_HARM, _JUMP, _HEIGHT, window=4),
        ConceptRule(SELF_HARM, _MEANS, _READY, window=4),
        ConceptRule(EMERGENCY, _MUCH_BLOOD, _BLEED_SIGN, window=4),
    ]
)


# Acute conditions by name: an emergency now, unless the message tells a past event ("tuvo un infarto hace años").
_CONDITION = "condition"
_HISTORY = "history"
_CONDITIONS = PhraseSet(
    {
        _CONDITION: phrase_list(
            """
            infarto, ataque al corazon, ataque cardiaco, ictus, derrame cerebral, heart attack, having a stroke,
            stroke
            """
        ),
        _HISTORY: phrase_list(
            """
            hace anos, hace * anos, hace meses, el ano pasado, antecedentes, historial de,
            years ago, last year, months ago, in the past, history of
            """
        ),
    }
)


class EmergencyDetector:
    """Finds medical emergencies (``emergency``) and self-harm or suicidal ideation (``self_harm``)."""

    def detect(self, raw: str, text: Normalized) -> list[Verdict]:  # noqa: ARG002 - phrase rules only
        names = _PHRASES.find(text) | _CONCEPTS.find(text)
        conditions = _CONDITIONS.find(text)
        if _CONDITION in conditions and _HISTORY not in conditions:
            names.add(EMERGENCY)
        if _PILL_COUNT.search(text.text):
            names.add(SELF_HARM)
        # Recall first: a mistyped short word ("t obe alive") must not hide an emergency.
        if SELF_HARM not in names and _SELF_HARM_FUZZY.find(text):
            names.add(SELF_HARM)
        if EMERGENCY not in names and SELF_HARM not in names and _EMERGENCY_FUZZY.find(text):
            names.add(EMERGENCY)
        return [Verdict(name=name) for name in sorted(names)]
