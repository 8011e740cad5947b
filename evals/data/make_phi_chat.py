"""Generate evals/data/phi_chat.jsonl: WhatsApp-style messages with and without PHI, labelled by entity type.

Run with ``.venv/bin/python -m evals.data.make_phi_chat``. Seeded, so the output only changes with the
templates. Everything is fictional: identifiers are random but carry valid check digits, so a recognizer that
validates checksums must still find them. PHI-free lines are hand-written and include hard negatives (the clinic's
own phone and address, prices, appointment dates and times, ages in general statements).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from evals.data import phi_identifiers as ids
from evals.data.phi_negatives import NEGATIVES

OUT = Path(__file__).with_name("phi_chat.jsonl")
SEED = 20261127

FIRST_ES = (
    "maria jose lucia javier carmen alejandro ana sergio laura pablo "
    "marta david cristina raul elena alvaro nuria ivan rocio jorge"
).split()
BOYS_ES = "hugo mateo leo martin daniel pablo manuel alvaro".split()
GIRLS_ES = "lucia sofia martina maria julia paula valeria emma".split()
LAST_ES = (
    "garcia fernandez gonzalez rodriguez lopez martinez sanchez perez gomez martin "
    "jimenez ruiz hernandez diaz moreno alvarez munoz romero navarro"
).split()
FIRST_EN = "john emma oliver sophie james chloe harry megan thomas hannah".split()
LAST_EN = "smith jones taylor brown wilson evans thomas roberts walker wright".split()
STREETS = (
    "calle de bravo murillo,c/ fuencarral,avda de america,calle alcala,paseo de las delicias,"
    "calle toledo,c/ princesa,calle de embajadores,avenida de la albufera,calle del pez"
).split(",")
CONDITIONS_ES = [
    ("soy diabetica tipo 2 y tomo metformina", "HEALTH_INFO"),
    ("tengo vih y llevo el tratamiento en otro hospital", "HEALTH_INFO"),
    ("estoy embarazada de 10 semanas", "HEALTH_INFO"),
    ("tomo sintrom desde la operacion del corazon", "HEALTH_INFO"),
    ("me diagnosticaron depresion y tomo sertralina 50", "HEALTH_INFO"),
    ("soy alergico a la penicilina", "HEALTH_INFO"),
    ("tengo hipotiroidismo y tomo eutirox", "HEALTH_INFO"),
    ("estoy en tratamiento de quimio", "HEALTH_INFO"),
]
CONDITIONS_EN = [
    ("i'm type 1 diabetic on insulin", "HEALTH_INFO"),
    ("i have epilepsy and take keppra", "HEALTH_INFO"),
    ("i'm 12 weeks pregnant", "HEALTH_INFO"),
    ("i was diagnosed with bipolar disorder last year", "HEALTH_INFO"),
    ("i'm on warfarin", "HEALTH_INFO"),
]


def _name(rng: random.Random, lang: str, surnames: int = 1) -> str:
    first, last = (FIRST_ES, LAST_ES) if lang == "es" else (FIRST_EN, LAST_EN)
    return " ".join([rng.choice(first), *rng.sample(last, surnames)])


def _phone(rng: random.Random) -> str:
    # Spanish mobiles start with 6 or 71-74.
    prefix = rng.choice(["6", "6", "6", "71", "72", "73", "74"])
    digits = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    style = rng.randrange(4)
    if style == 0:
        return digits
    if style == 1:
        return f"{digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"
    if style == 2:
        return f"+34 {digits[:3]} {digits[3:6]} {digits[6:]}"
    return f"0034{digits}"


def _email(rng: random.Random, name: str) -> str:
    first, last = name.split()[:2]
    user = rng.choice([f"{first}.{last}", f"{first}{last}{rng.randrange(10, 99)}", f"{first[0]}{last}"])
    return f"{user}@{rng.choice(['gmail.com', 'hotmail.es', 'yahoo.es', 'outlook.com', 'icloud.com'])}"


def _address(rng: random.Random) -> tuple[str, str]:
    postal = f"280{rng.randrange(1, 55):02d}"
    return f"{rng.choice(STREETS)} {rng.randrange(2, 180)}, {rng.randrange(1, 9)}º{rng.choice('ABCD')}", postal


def _dob(rng: random.Random) -> str:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1940, 2020)
    return rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day}-{month}-{year}", f"{day}/{month}/{str(year)[2:]}"])


Template = Callable[[random.Random], tuple[str, list[str]]]


def _es_templates() -> list[Template]:
    def t1(r: random.Random) -> tuple[str, list[str]]:
        intro = r.choice(["hola soy", "buenas, me llamo", "soy", "hola! soy"])
        ask = r.choice(["quiero cita para el lunes", "tengo cita mañana?", "q cita tengo", "para anular mi cita"])
        return f"{intro} {_name(r, 'es', 2)}, mi dni es {ids.dni(r)} {ask}", ["PERSON", "ES_NIF"]

    def t2(r: random.Random) -> tuple[str, list[str]]:
        return f"mi nie {ids.nie(r)} pa q me busqueis la cita", ["ES_NIE"]

    def t3(r: random.Random) -> tuple[str, list[str]]:
        ask = r.choice(
            [
                "llamame al {} porfa q no puedo escribir",
                "mi movil es el {}",
                "apuntad mi telefono nuevo {}",
                "si no me encontrais llamad al {}",
            ]
        )
        return ask.format(_phone(r)), ["PHONE_NUMBER"]

    def t4(r: random.Random) -> tuple[str, list[str]]:
        name = _name(r, "es")
        return f"soy {name}, mi correo es {_email(r, name)} mandadme ahi la factura", ["PERSON", "EMAIL_ADDRESS"]

    def t5(r: random.Random) -> tuple[str, list[str]]:
        street, postal = _address(r)
        ask = r.choice(
            [
                "vivo en {} {} madrid, podeis mandar a alguien a casa?",
                "mandadme el informe a {} cp {}",
                "mi direccion nueva es {}, {} madrid",
                "estoy en {} ({}), teneis algo mas cerca?",
            ]
        )
        return ask.format(street, postal), ["ADDRESS", "POSTAL_CODE"]

    def t6(r: random.Random) -> tuple[str, list[str]]:
        return f"fecha de nacimiento {_dob(r)} para lo del portal", ["DATE_OF_BIRTH"]

    def t7(r: random.Random) -> tuple[str, list[str]]:
        n = ids.nss(r)
        shown = r.choice([n, f"{n[:2]}/{n[2:10]}/{n[10:]}", f"{n[:2]} {n[2:10]} {n[10:]}"])
        intro = r.choice(["mi numero de la seguridad social es", "nss:", "el num de afiliacion es el"])
        return f"{intro} {shown}", ["ES_NSS"]

    def t8(r: random.Random) -> tuple[str, list[str]]:
        letters = "".join(r.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(4))
        return f"tarjeta sanitaria {letters}{r.randrange(10**11, 10**12)} es la mia", ["HEALTH_CARD"]

    def t9(r: random.Random) -> tuple[str, list[str]]:
        return f"para la devolucion mi cuenta es {ids.group(ids.iban_es(r))}", ["IBAN_CODE"]

    def t10(r: random.Random) -> tuple[str, list[str]]:
        number = ids.card(r)
        shown = r.choice([number, ids.group(number), ids.group(number, sep="-")])
        return f"cobradme con esta tarjeta {shown} caduca {r.randrange(1, 13):02d}/{r.randrange(27, 31)}", [
            "CREDIT_CARD"
        ]

    def t11(r: random.Random) -> tuple[str, list[str]]:
        return f"mi numero de historia clinica es {r.randrange(100_000, 999_999)}", ["MEDICAL_RECORD"]

    def t12(r: random.Random) -> tuple[str, list[str]]:
        text, kind = r.choice(CONDITIONS_ES)
        ask = r.choice(
            ["me podeis dar cita con el medico?", "q especialista me toca?", "lo digo para la cita del lunes"]
        )
        return f"{text}, {ask}", [kind]

    def t13(r: random.Random) -> tuple[str, list[str]]:
        son = r.random() < 0.5
        child = r.choice(BOYS_ES if son else GIRLS_ES)
        kin = "mi hijo" if son else "mi hija"
        return f"pido cita pa {kin} {child} de {r.randrange(2, 14)} años con la pediatra", ["PERSON", "AGE"]

    def t14(r: random.Random) -> tuple[str, list[str]]:
        text, _ = r.choice(CONDITIONS_ES)
        # Keep the age plausible for the condition (no 80-year-old pregnancies).
        age = r.randrange(22, 42) if "embarazada" in text else r.randrange(18, 90)
        return f"tengo {age} años y {text}", ["AGE", "HEALTH_INFO"]

    def t15(r: random.Random) -> tuple[str, list[str]]:
        name = _name(r, "es", 2)
        return f"{name} dni {ids.dni(r)} tlf {_phone(r)}", ["PERSON", "ES_NIF", "PHONE_NUMBER"]

    def t16(r: random.Random) -> tuple[str, list[str]]:
        return f"buenas, soy {_name(r, 'es')} y nací el {_dob(r)}, no me deja entrar en el portal", [
            "PERSON",
            "DATE_OF_BIRTH",
        ]

    return [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16]


def _en_templates() -> list[Template]:
    def t1(r: random.Random) -> tuple[str, list[str]]:
        return f"hi this is {_name(r, 'en')}, can i book a checkup", ["PERSON"]

    def t2(r: random.Random) -> tuple[str, list[str]]:
        ask = r.choice(["you can reach me on {}", "my mobile is {}", "call me back at {} pls"])
        return ask.format(_phone(r)), ["PHONE_NUMBER"]

    def t3(r: random.Random) -> tuple[str, list[str]]:
        name = _name(r, "en")
        return f"my email is {_email(r, name)}", ["EMAIL_ADDRESS"]

    def t4(r: random.Random) -> tuple[str, list[str]]:
        return f"my nie is {ids.nie(r)}, do you need anything else", ["ES_NIE"]

    def t5(r: random.Random) -> tuple[str, list[str]]:
        return f"please charge card {ids.group(ids.card(r))} for the visit", ["CREDIT_CARD"]

    def t6(r: random.Random) -> tuple[str, list[str]]:
        return f"my date of birth is {_dob(r)}", ["DATE_OF_BIRTH"]

    def t7(r: random.Random) -> tuple[str, list[str]]:
        text, kind = r.choice(CONDITIONS_EN)
        ask = r.choice(["can i see a doctor this week", "which doctor should i book", "just so you know for my appt"])
        return f"{text}, {ask}", [kind]

    def t8(r: random.Random) -> tuple[str, list[str]]:
        street, postal = _address(r)
        return f"i live at {street}, {postal}, is that close to you?", ["ADDRESS", "POSTAL_CODE"]

    def t9(r: random.Random) -> tuple[str, list[str]]:
        return f"refund to {ids.iban_es(r)} please", ["IBAN_CODE"]

    def t10(r: random.Random) -> tuple[str, list[str]]:
        return f"my son is {r.randrange(2, 14)} and has a fever since yesterday", ["AGE", "HEALTH_INFO"]

    def t11(r: random.Random) -> tuple[str, list[str]]:
        return f"hi, {_name(r, 'en')} here, dni {ids.dni(r)}", ["PERSON", "ES_NIF"]

    return [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11]


def generate(per_template: int = 5) -> list[dict[str, object]]:
    """PHI lines (every template ``per_template`` times) followed by the hand-written PHI-free lines."""
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for lang, templates in (("es", _es_templates()), ("en", _en_templates())):
        for template in templates:
            made = 0
            while made < per_template:
                text, types = template(rng)
                if text in seen:
                    continue
                seen.add(text)
                rows.append({"text": text, "lang": lang, "has_phi": True, "types": sorted(set(types))})
                made += 1
    for text, lang in NEGATIVES:
        rows.append({"text": text, "lang": lang, "has_phi": False, "types": []})
    return [{"id": f"p{i:03d}", **row} for i, row in enumerate(rows, 1)]


def main() -> None:
    rows = generate()
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    positives = sum(1 for r in rows if r["has_phi"])
    print(f"{OUT.name}: {len(rows)} lines, {positives} with PHI")  # noqa: T201


if __name__ == "__main__":
    main()
