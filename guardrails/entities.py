"""PHI entity type names shared by the analyzer, the anonymizer and the policy."""

from __future__ import annotations

PERSON = "PERSON"
ADDRESS = "ADDRESS"
POSTAL_CODE = "POSTAL_CODE"
LOCATION = "LOCATION"
ES_NIF = "ES_NIF"
ES_NIE = "ES_NIE"
ES_NSS = "ES_NSS"
HEALTH_CARD = "HEALTH_CARD"
US_SSN = "US_SSN"
MEDICAL_RECORD = "MEDICAL_RECORD"
INSURANCE_POLICY = "INSURANCE_POLICY"
PHONE_NUMBER = "PHONE_NUMBER"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
IBAN_CODE = "IBAN_CODE"
CREDIT_CARD = "CREDIT_CARD"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
AGE = "AGE"
URL_WITH_ID = "URL_WITH_ID"
CREDENTIAL = "CREDENTIAL"
HEALTH_INFO = "HEALTH_INFO"
# Found by the learned model on clinical notes (MEDDOCAN categories with no chat-level recognizer).
DATE = "DATE"
ORGANIZATION = "ORGANIZATION"
PROFESSIONAL_ID = "PROFESSIONAL_ID"
SEX = "SEX"
PROFESSION = "PROFESSION"
OTHER_PHI = "OTHER_PHI"

# Types the bot must tell the patient not to share on WhatsApp (the value is never stored).
SENSITIVE_IDENTIFIERS: frozenset[str] = frozenset(
    {US_SSN, ES_NSS, CREDIT_CARD, IBAN_CODE, CREDENTIAL, ES_NIF, ES_NIE, HEALTH_CARD}
)

# Types that identify a person or their health in a chat message (what message-level PHI means).
CHAT_PHI: frozenset[str] = frozenset(
    {
        PERSON,
        ADDRESS,
        POSTAL_CODE,
        ES_NIF,
        ES_NIE,
        ES_NSS,
        HEALTH_CARD,
        US_SSN,
        MEDICAL_RECORD,
        INSURANCE_POLICY,
        PHONE_NUMBER,
        EMAIL_ADDRESS,
        IBAN_CODE,
        CREDIT_CARD,
        DATE_OF_BIRTH,
        AGE,
        URL_WITH_ID,
        CREDENTIAL,
        HEALTH_INFO,
    }
)

# Quasi-identifiers that only count as PHI inside a clinical record (a city or a date alone in a chat is not).
RECORD_ONLY: frozenset[str] = frozenset({LOCATION, DATE, ORGANIZATION, PROFESSIONAL_ID, SEX, PROFESSION, OTHER_PHI})

ALL_TYPES: frozenset[str] = CHAT_PHI | RECORD_ONLY

# What de-identifies a clinical document: every identifier, but not HEALTH_INFO (the note's content itself).
RECORD_IDENTIFIERS: frozenset[str] = ALL_TYPES - {HEALTH_INFO}
