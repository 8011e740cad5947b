"""Each recognizer, table-driven: valid values found, invalid checksums and near misses not."""

from __future__ import annotations

import pytest

from guardrails import entities as types
from guardrails.analyzer import PHIAnalyzer, build_analyzer
from guardrails.settings import GuardrailSettings


@pytest.fixture(scope="module")
def analyzer() -> PHIAnalyzer:
    return build_analyzer(GuardrailSettings())


def found(analyzer: PHIAnalyzer, text: str, entity_type: str) -> list[str]:
    return [text[e.start : e.end] for e in analyzer.analyze(text) if e.type == entity_type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi dni es 12345678Z", ["12345678Z"]),
        ("dni 12345678z", ["12345678z"]),
        ("NIF: 12.345.678-Z", ["12.345.678-Z"]),
        ("te paso el 87654321-X para la ficha", ["87654321-X"]),
        ("mi dni es 12345678A", []),  # wrong control letter
        ("pedido 1234567Z", []),  # seven digits
        ("ref 123456789Z", []),  # nine digits
    ],
)
def test_when_dni_nif_in_text_then_only_valid_ones_found(analyzer, text, expected):
    assert found(analyzer, text, types.ES_NIF) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NIE X1234567L", ["X1234567L"]),
        ("mi nie es y-7654321-g", ["y-7654321-g"]),
        ("Z0000001Y por favor", ["Z0000001Y"]),
        ("NIE X1234567A", []),  # wrong control letter
        ("codigo A1234567L", []),  # not X/Y/Z
    ],
)
def test_when_nie_in_text_then_only_valid_ones_found(analyzer, text, expected):
    assert found(analyzer, text, types.ES_NIE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi numero de la seguridad social es 28 12345678 40", ["28 12345678 40"]),
        ("NSS 281234567840", ["281234567840"]),
        ("naf 08/01234567/74", ["08/01234567/74"]),
        ("NSS 28 12345678 41", []),  # wrong control digits
        ("pedido 2812345678", []),  # ten digits
    ],
)
def test_when_social_security_number_in_text_then_only_valid_ones_found(analyzer, text, expected):
    assert found(analyzer, text, types.ES_NSS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi tarjeta sanitaria es BBBB123456789012", ["BBBB123456789012"]),
        ("CIP: GRMR550312002", ["GRMR550312002"]),
        ("codigo de la tarjeta: AN0123456789", ["AN0123456789"]),
        ("tarjeta europea 80724000012345678901", ["80724000012345678901"]),
        ("la tarjeta sanitaria la he perdido", []),  # no code
        ("cip de la clinica", []),
    ],
)
def test_when_health_card_code_follows_context_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.HEALTH_CARD) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my SSN is 536-22-1234", ["536-22-1234"]),
        ("ssn 536 22 1234", ["536 22 1234"]),
        ("social security number 536221234", ["536221234"]),
        ("SSN 666-22-1234", []),  # area 666 is never issued
        ("SSN 536-00-1234", []),  # group 00
        ("order 536221234", []),  # nine digits without context
    ],
)
def test_when_us_ssn_in_text_then_only_plausible_ones_found(analyzer, text, expected):
    assert found(analyzer, text, types.US_SSN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi historia clinica es la 123456", ["123456"]),
        ("NHC: 368503", ["368503"]),
        ("mi numero de historia es 9981234", ["9981234"]),
        ("MRN #A-778899", ["A-778899"]),
        ("numero de historia clínica 2019/4455", ["2019/4455"]),
        ("tengo 123456 dudas", []),
        ("la historia clinica la pido en recepcion", []),
    ],
)
def test_when_record_number_follows_context_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.MEDICAL_RECORD) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi poliza de sanitas es 12345678AB", ["12345678AB"]),
        ("policy number: XK-4455-8899", ["XK-4455-8899"]),
        ("member ID 99887766", ["99887766"]),
        ("la poliza cubre fisioterapia?", []),
        ("poliza ABCD", []),  # no digits
    ],
)
def test_when_policy_number_follows_context_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.INSURANCE_POLICY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("llamadme al 612345678", ["612345678"]),
        ("mi movil 612 34 56 78", ["612 34 56 78"]),
        ("+34 612.345.678 gracias", ["+34 612.345.678"]),
        ("fijo 91 234 56 78", ["91 234 56 78"]),
        ("0034 912345678", ["0034 912345678"]),
        ("call me at +44 20 7946 0958", ["+44 20 7946 0958"]),
        ("my cell is +1 415-555-2671", ["+1 415-555-2671"]),
        ("text me on +44 7700 900123", ["+44 7700 900123"]),  # reserved range: the E.164 shape still counts
        ("la factura 2026-00123", []),
        ("el pedido 412345678 llego", []),  # no Spanish number starts with 4
        ("precio 61234", []),
    ],
)
def test_when_phone_number_in_text_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.PHONE_NUMBER) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("escribidme a maria.garcia@gmail.com", ["maria.garcia@gmail.com"]),
        ("email: j_smith+clinic@mail.example.co.uk.", ["j_smith+clinic@mail.example.co.uk"]),
        ("arroba @clinica en twitter", []),
        ("user@localhost", []),
    ],
)
def test_when_email_in_text_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.EMAIL_ADDRESS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN ES91 2100 0418 4502 0005 1332", ["ES91 2100 0418 4502 0005 1332"]),
        ("es9121000418450200051332", ["es9121000418450200051332"]),
        ("GB82 WEST 1234 5698 7654 32", ["GB82 WEST 1234 5698 7654 32"]),
        (
            "IBAN ES91 2100 0418 4502 0005 1332 IBAN ES91 2100 0418 4502 0005 1332",
            ["ES91 2100 0418 4502 0005 1332", "ES91 2100 0418 4502 0005 1332"],
        ),
        ("IBAN ES92 2100 0418 4502 0005 1332", []),  # wrong check digits
        ("ES91 2100 0418", []),  # too short
    ],
)
def test_when_iban_in_text_then_only_valid_ones_found(analyzer, text, expected):
    assert found(analyzer, text, types.IBAN_CODE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi tarjeta 4111 1111 1111 1111", ["4111 1111 1111 1111"]),
        ("visa 4111-1111-1111-1111 cad 12/27", ["4111-1111-1111-1111"]),
        ("amex 3782 822463 10005", ["3782 822463 10005"]),
        ("5500000000000004", ["5500000000000004"]),
        ("tarjeta 4111 1111 1111 1112", []),  # fails Luhn
        ("1234 5678 9012 3456", []),
    ],
)
def test_when_card_number_in_text_then_only_luhn_valid_found(analyzer, text, expected):
    assert found(analyzer, text, types.CREDIT_CARD) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("naci el 3 de marzo de 1980", ["3 de marzo de 1980"]),
        ("fecha de nacimiento: 03/03/1946", ["03/03/1946"]),
        ("DOB 1990-02-01", ["1990-02-01"]),
        ("I was born on March 3, 1980", ["March 3, 1980"]),
        ("naci en 1975", ["1975"]),
        ("quiero cita el 12/03/2025", []),  # a date, but not of birth
    ],
)
def test_when_birth_date_follows_birth_word_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.DATE_OF_BIRTH) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tengo 45 años", ["45 años"]),
        ("mi hijo de 7 años tiene fiebre", ["7 años"]),
        ("45 yo male", ["45 yo"]),
        ("age 45", ["45"]),
        ("he is 70 years old", ["70 years old"]),
        ("my son is 7 and has a fever", ["7"]),
        ("62 años de edad", ["62 años"]),
        ("hace 5 años que vengo", []),
        ("la clinica tiene 20 años", []),
    ],
)
def test_when_age_of_a_person_stated_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.AGE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vivo en calle mayor 12, 3º b", ["calle mayor 12, 3º b"]),
        ("c/ del Abedul 5-7, 2º dcha", ["c/ del Abedul 5-7, 2º dcha"]),
        ("avda. de la paz nº 23", ["avda. de la paz nº 23"]),
        ("I live at 221B Baker Street", ["221B Baker Street"]),
        ("la clinica esta en la calle mayor", []),  # no number: a landmark, not an address
    ],
)
def test_when_street_address_in_text_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.ADDRESS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cp 28013", ["28013"]),
        ("calle goya 18, 1º izq, 28001 madrid", ["28001"]),
        ("avda. america 33, 5ºB (28002)", ["28002"]),
        ("código postal: 08001", ["08001"]),
        ("postcode SW1A 1AA", ["SW1A 1AA"]),
        ("cp 99999", []),  # no province 99
        ("son 28013 euros", []),
    ],
)
def test_when_postal_code_has_context_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.POSTAL_CODE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "https://portal.example.com/results?patient_id=99&token=abc",
            ["https://portal.example.com/results?patient_id=99&token=abc"],
        ),
        ("mira www.lab.es/r?id=12345.", ["www.lab.es/r?id=12345"]),
        ("https://x.io/reset/a8F3kLm9Qz2XwYt7Bv1NcD", ["https://x.io/reset/a8F3kLm9Qz2XwYt7Bv1NcD"]),
        ("horarios en https://clinica.example/horarios", []),
        ("https://clinica.example/buscar?q=dermatologia", []),
    ],
)
def test_when_url_carries_identifier_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.URL_WITH_ID) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi contraseña es Perro123!", ["Perro123!"]),
        ("my password is hunter2", ["hunter2"]),
        ("el codigo que me llego es 483920", ["483920"]),
        ("PIN 4321", ["4321"]),
        ("la clave del portal es Lunes2024", ["Lunes2024"]),
        ("un by-pass aorto-coronario", []),
        ("verification code: 829104", ["829104"]),
        ("como cambio mi contraseña del portal?", []),
        ("I forgot my password and can't log in", []),
        ("codigo postal 28013", []),
    ],
)
def test_when_secret_follows_credential_word_then_found(analyzer, text, expected):
    assert found(analyzer, text, types.CREDENTIAL) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tengo diabetes", ["tengo diabetes"]),
        ("estoy tomando sintrom", ["estoy tomando sintrom"]),
        ("me operaron de la rodilla el año pasado, me pusieron una protesis de rodilla", None),
        ("I was diagnosed with asthma", ["I was diagnosed with asthma"]),
        ("I have type 1 diabetes", ["I have type 1 diabetes"]),
        ("sufro de ataques de panico", ["sufro de ataques de panico"]),
        ("estoy embarazada de 3 meses", None),
        ("I suffer from migraines", ["I suffer from migraines"]),
        ("my results show high cholesterol", ["my results show high cholesterol"]),
        ("mi madre tiene alzheimer", ["tiene alzheimer"]),
        ("teneis consulta de diabetes?", []),
        ("tengo cita para la vacuna de la gripe", []),
        ("i have a question about the flu vaccine", []),
    ],
)
def test_when_person_states_health_condition_then_found(analyzer, text, expected):
    spans = found(analyzer, text, types.HEALTH_INFO)
    if expected is None:
        assert spans
    else:
        assert spans == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hola soy maria garcia y quiero cita", ["maria garcia"]),
        ("me llamo jose luis", ["jose luis"]),
        ("My name is John Smith.", ["John Smith"]),
        ("buenas, soy carmen", ["carmen"]),
        ("hi, I'm Emily", ["Emily"]),
        ("gracias!! fernando", ["fernando"]),
        ("soy la madre de pablo martinez", ["pablo martinez"]),
        ("necesito factura a nombre de empresa", []),
        ("soy diabetico", []),
        ("soy paciente nuevo", []),
        ("I'm late, sorry", []),
    ],
)
def test_when_person_introduces_themselves_then_name_found(analyzer, text, expected):
    assert found(analyzer, text, types.PERSON) == expected
