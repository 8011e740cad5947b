"""Presidio recognizers for Recepta, one per module; ``build_recognizers`` lists them for a language."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from guardrails.recognizers.address_recognizer import AddressRecognizer
from guardrails.recognizers.age_recognizer import AgeRecognizer
from guardrails.recognizers.credential_recognizer import CredentialRecognizer
from guardrails.recognizers.credit_card_recognizer import CreditCardRecognizer
from guardrails.recognizers.date_of_birth_recognizer import DateOfBirthRecognizer
from guardrails.recognizers.email_recognizer import EmailRecognizer
from guardrails.recognizers.es_nie_recognizer import EsNieRecognizer
from guardrails.recognizers.es_nif_recognizer import EsNifRecognizer
from guardrails.recognizers.es_nss_recognizer import EsNssRecognizer
from guardrails.recognizers.es_phone_recognizer import EsPhoneRecognizer
from guardrails.recognizers.health_card_recognizer import HealthCardRecognizer
from guardrails.recognizers.health_info_recognizer import HealthInfoRecognizer
from guardrails.recognizers.iban_recognizer import IbanRecognizer
from guardrails.recognizers.insurance_policy_recognizer import InsurancePolicyRecognizer
from guardrails.recognizers.medical_record_recognizer import MedicalRecordRecognizer
from guardrails.recognizers.person_name_recognizer import PersonNameRecognizer
from guardrails.recognizers.phone_recognizer import PhoneRecognizer
from guardrails.recognizers.postal_code_recognizer import PostalCodeRecognizer
from guardrails.recognizers.url_with_id_recognizer import UrlWithIdRecognizer
from guardrails.recognizers.us_ssn_recognizer import UsSsnRecognizer

# Patients mix languages and quote foreign documents, so every recognizer runs for both languages.
RECOGNIZER_CLASSES: tuple[type[EntityRecognizer], ...] = (
    EsNifRecognizer,
    EsNieRecognizer,
    EsNssRecognizer,
    HealthCardRecognizer,
    UsSsnRecognizer,
    MedicalRecordRecognizer,
    InsurancePolicyRecognizer,
    EsPhoneRecognizer,
    PhoneRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    CreditCardRecognizer,
    DateOfBirthRecognizer,
    AgeRecognizer,
    AddressRecognizer,
    PostalCodeRecognizer,
    UrlWithIdRecognizer,
    CredentialRecognizer,
    HealthInfoRecognizer,
    PersonNameRecognizer,
)


def build_recognizers(language: str) -> list[EntityRecognizer]:
    return [cls(supported_language=language) for cls in RECOGNIZER_CLASSES]  # type: ignore[call-arg]
