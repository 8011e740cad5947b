"""Clinic-domain words that mean the same thing (Spanish, English, chat spelling), and cognate stems.

Used only to decide whether a chunk talks about what a question names ("nutritionist" is not in any
document; "no me presento" is what the documents call "falta" / "ausencia"): general front-desk vocabulary,
never answers. A word maps to a concept key: its group's name when a group holds it, else its cognate stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.text import strip_accents
from guardrails.detectors.phrases import osa_distance

# Each group: words (normalised: lowercase, no accents) that name one thing for a patient at a clinic desk.
_GROUPS = {
    "appointment": "cita citas appointment appointments appt booking book reserva reservar",
    "ask_for": "pedir pido pida pedimos solicitar solicito solicite request make",
    "cancel": "cancelar cancelo anular anulo anule cancel cancellation desconvocar",
    "change": "cambiar cambio cambie change reschedule mover move",
    "no_show": (
        "falta faltar falto ausencia ausencias presento presentarme presentarse acudir acudo show shows "
        "noshow attend attended missed miss asistencia attendance"
    ),
    "bring": (
        "docs doc traer traiga llevar llevo bring documentacion documentation documentos papeles paperwork pasaporte "
        "passport identity identidad"
    ),
    "insurance": (
        "seguro seguros aseguradora aseguradoras insurance insurer insurers insured mutua mutuas compania "
        "companias concierto"
    ),
    "refund": (
        "reembolso reembolsos reembolsable devolucion devoluciones devolver devuelven refund refunds refunded "
        "money dinero"
    ),
    "proof": (
        "cert boss jefe curro justificante justificantes proof certificado certificados certificate "
        "certificates employer empleador"
    ),
    "results": "resultado resultados result results",
    "report": "informe informes report reports",
    "prescription": "receta recetas prescription prescriptions refill medicacion",
    "pharmacy": "farmacia farmacias pharmacy pharmacies chemist",
    "fasting": "ayunas ayuno ayunar fasting fast comer eat eating beber drink",
    "blood": (
        "bloodwork analysis analisis analitica sangre blood extraccion extracciones draw draws sacar sacais sacan"
    ),
    "urine": "orina urine bote muestra sample",
    "ultrasound": "ecografia ecografias eco ultrasound ultrasounds scan sonography",
    "gynecology": (
        "ginecologo ginecologa ginecologia ginecologica gynecologist gynaecologist gynecology gynaecology gyno gine"
    ),
    "dermatology": "dermatologo dermatologa dermatologia dermatologist dermatology derma skin piel",
    "trauma": "traumatologo traumatologa traumatologia trauma orthopaedic orthopedic orthopaedist orthopedist",
    "pediatrics": (
        "age edad pediatra pediatria paediatrician pediatrician paediatrics pediatrics nino ninos nina ninas "
        "child children kid kids hijo hija hijos menor menores minor minors bebe baby son daughter hijas"
    ),
    "physio": "fisioterapia fisioterapeuta fisio physio physiotherapy physiotherapist physical therapy",
    "general_medicine": "medicina general gp family familia cabecera",
    "vaccine": (
        "shot shots vacuna vacunas vacunar vacunais vacunan vacunarse vacunacion vaccine vaccines vaccinate "
        "vaccination jab jabs pinchazo"
    ),
    "flu": "gripe flu influenza",
    "campaign": "campana campaign season temporada",
    "messages": "mensaje mensajes message messages chat chats conversacion conversation whatsapp wasap whats",
    "keep": (
        "borro borran guardar guardais guardan conservar conservamos conservan keep store stored retain "
        "retention borrar delete"
    ),
    "data": "datos data rgpd gdpr",
    "parking": "aparcamiento aparcar parking park coche car garaje",
    "metro": "metro subway underground tube",
    "arrive": "llega lleguen llegue llegar llego llegas llegamos llegan arrive getting directions route ruta",
    "bus": "autobus autobuses bus buses emt",
    "payment": (
        "amex visa mastercard installments instalments plazos aplazado aplazados pago pagos pagar pay payment "
        "payments tarjeta card efectivo cash transferencia transfer"
    ),
    "invoice": "factura facturas invoice invoices receipt receipts recibo facturacion billing bill bills",
    "reminder": "recordatorio recordatorios reminder reminders remind",
    # Letting someone know ("sin avisar", "le enviaremos un aviso"), in every person of the verb.
    "notify": "aviso avisos avisar avisa avise avisen avisamos avisaremos notify notification notifications",
    # Asking to stop messages: "responda BAJA" (also "baja" as in "darse de baja").
    "opt_out": "baja stop unsubscribe optout",
    "emergency": "urgencia urgencias urgente emergency emergencies urgent er",
    "pregnancy": "embarazada embarazadas embarazo pregnant pregnancy",
    "specialist": (
        "especialista especialistas specialist specialists especialidad especialidades specialty specialties"
    ),
    "wait": "espera esperar wait waiting plazo lista",
    "video": "videoconsulta videoconsultas video online telemedicina telemedicine videollamada remote remota",
    "home": "domicilio domicilios casa home house",
    "close": "cerrar cerrais cerrado cerrada cerrados cierra cierran close closed closing",
    "charge": "cobrar cobrais cobran cobro cobramos charge charges charged penalty penalizacion multa",
    "train": "tren trenes cercanias train trains renfe railway estacion station",
    "bike": "bici bicis bicicleta bicimad bike bikes bicycle cycling",
    "taxi": "taxi taxis cab uber",
    "period": "regla menstruacion period menstruation menstruating",
    "bladder": "vejiga bladder",
    "cytology": "citologia citologias pap smear papanicolau cytology",
    "preparation": "preparacion preparar prepararme prep prepare preparation",
    "reception": "recepcion reception front desk mostrador",
    "patient": "paciente pacientes patient patients",
    "phone": "tlf tfno telf tel calls telefono telefonos phone telephone movil mobile llamar llamada",
    "test": "prueba pruebas test tests exam exams examen examination",
    "authorisation": (
        "autorizacion autorizaciones autorizar authorisation authorization authorise authorize approval "
        "approve preauthorisation"
    ),
    "checkup": "revision revisiones chequeo chequeos checkup checkups check",
    "session": "sesion sesiones session sessions",
    "pack": "bono bonos pack packs package bundle",
    "mole": "lunar lunares mole moles",
    "injury": "lesion lesiones injury injuries esguince sprain",
    "xray": "radiografia radiografias xray x ray rayos",
    "imaging": "radiologia imagen imaging radiology",
    "mri": "resonancia mri magnetica magnetic",
    "pain": "dolor dolores pain ache hurts duele",
    "surgery": "cirugia surgery operacion operation quirofano",
    "travel": "viajero viajeros viaje viajes travel traveller traveler trip fly flight volar",
    "nurse": "enfermeria enfermera enfermero nurse nurses nursing",
    "lost": "dejado deje objetos belongings perdido perdidos perdida olvidado olvide lost forgot forgotten left",
    "mental": (
        "psiquiatria psiquiatra psychiatry psychiatrist psicologia psicologo psychology psychologist mental therapist"
    ),
    "dental": "odontologia dentista dental dentist teeth dientes muelas",
    "walk": "andando caminando pie walk walking foot",
    "back": "espalda back lumbar",
    "sport": "deportiva deportivas deporte sport sports",
    "rehab": "rehabilitacion rehab rehabilitation",
    "stool": "heces stool faeces feces",
    "records": "historia historial records record history",
    "register": "registrarse registro registrar register registration signup alta",
    "password": "contrasena clave password",
    "download": "descarga descargar download downloaded",
    "consent": "consentimiento consent",
    "form": "ficha formulario form forms",
    "guardian": "tutor tutora guardian padre madre parent parents padres",
    "interpreter": "interprete interpreter signos sign traductor translator",
    "blood_thinner": "anticoagulante anticoagulantes thinner thinners anticoagulant",
    "exercise": "ejercicio exercise gym",
    "jewelry": "joyas jewelry jewellery piercing piercings metal metalicos",
    "water": "agua water litro litros litre liter liters litres",
    "copay": "copago copay copayment franquicia excess deductible",
    "policy": "poliza policy",
    "hours": "horario horarios schedule timetable",
    "address": "direccion address calle street",
    "covid": "covid coronavirus",
    "glucose": "glucosa glucose azucar sugar diabetes",
    "mammogram": "mamografia mamografias mammogram mammography mammograms",
    "lab": "laboratorio lab laboratory",
    "contact": "contacto contact contactar",
    "order": "peticion peticiones order orders orden",
    "expiry": "caducar caduca caducan validez valido valida expire expires expiry valid",
    "assistant": "asistente assistant bot chatbot robot automatico automatic",
    "advice": "consejo consejos advice recomendacion recommendation",
    # "Emergency room" is what the documents call an emergency department.
    "department": "departamento department dept area room rooms",
    "pickup": "recoger recoja recogida recojo pick collect collection",
    "lunch": "mediodia lunch interrupcion break comida siesta",
    "referral": "volante volantes referral referrals derivacion",
    "portal": "portal app aplicacion web website online",
    "email": "email correo mail e-mail",
    "doctor": "medico medicos medica doctor doctora doctors physician",
    "language": "ingles english idioma idiomas language languages espanol spanish hablan habla speak",
    "accessibility": (
        "access acceso silla ruedas wheelchair accesible accessible accesibilidad accessibility ascensor lift elevator"
    ),
    "companion": (
        "abuelo abuela grandma grandpa grandmother grandfather husband wife marido esposo esposa familiar "
        "relative acompanante acompanantes acompanado acompanada companion accompany accompanied alone solo "
        "sola"
    ),
    "late": "tarde retraso retrasos late delay delayed puntualidad",
    "week_days": "lunes martes miercoles jueves viernes monday tuesday wednesday thursday friday",
    "saturday": "sabado sabados saturday saturdays",
    "sunday": "domingo domingos sunday sundays festivo festivos holiday holidays",
    "summer": "agosto august verano summer",
    # Christmas and New Year's Eve are December dates ("los días 24 y 31 de diciembre").
    "christmas": "eve navidad christmas nochebuena nochevieja diciembre december",
}
GROUPS: dict[str, tuple[str, ...]] = {name: tuple(words.split()) for name, words in _GROUPS.items()}

# Cognate spelling (English/Spanish): "physio"~"fisio", "allergy"~"alergia", "therapy"~"terapia".
_COGNATE = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"y"), "i"),
    (re.compile(r"k"), "c"),
    (re.compile(r"([a-z])\1"), r"\1"),
)
STEM = 5
# Inflections meet a group by a longer stem: "guardia" (on duty) is not "guardar" (to keep).
GROUP_STEM = 6


def cognate_stem(word: str, length: int = STEM) -> str:
    """Accent-free, English spellings folded onto Spanish ones, doubled letters collapsed, cut to a stem."""
    folded = strip_accents(word.lower())
    for pattern, replacement in _COGNATE:
        folded = pattern.sub(replacement, folded)
    return folded[:length]


_BY_WORD: dict[str, str] = {}
# Inflections the lists do not spell out ("vacunarme", "reminders") meet their group through the stem.
_BY_STEM: dict[str, str] = {}
for _name, _words in GROUPS.items():
    for _word in _words:
        # A word in two groups (e.g. "online") keeps its first: both are plain desk vocabulary.
        _BY_WORD.setdefault(_word, _name)
        if len(_word) >= GROUP_STEM:
            _BY_STEM.setdefault(cognate_stem(_word, GROUP_STEM), _name)


def cognate_fold(word: str) -> str:
    """The whole word with English spellings folded onto Spanish ones ("deodorant"~"desodorante" at distance 2)."""
    return cognate_stem(word, len(word))


def _singular(word: str) -> str:
    """English and Spanish plurals the lists do not spell out ("scans", "mris"): the singular, when it is listed."""
    for ending in ("es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and word[: -len(ending)] in _BY_WORD:
            return word[: -len(ending)]
    return word


# Typos are forgiven from this length ("dermatolgoia", "mamomgrams"): shorter words one letter apart are too
# often other words.
TYPO_MIN = 7


def _misspelt(word: str) -> str | None:
    """The glossary word ``word`` is a typo of (one edit, two from nine letters, same first letter), if any."""
    if len(word) < TYPO_MIN:
        return None
    limit = 2 if len(word) >= 9 else 1
    near = [w for w in _BY_WORD if w[0] == word[0] and osa_distance(word, w, limit) <= limit]
    return min(near, key=lambda w: osa_distance(word, w, limit)) if near else None


@lru_cache(maxsize=65536)
def concept(word: str) -> str:
    """The key a word is compared by: its glossary group, else its cognate stem."""
    word = word if word in _BY_WORD else _singular(word)
    group = _BY_WORD.get(word) or (_BY_STEM.get(cognate_stem(word, GROUP_STEM)) if len(word) >= GROUP_STEM else None)
    if group is None and (typo := _misspelt(word)) is not None:
        group = _BY_WORD[typo]
    return f"={group}" if group is not None else cognate_stem(word)
