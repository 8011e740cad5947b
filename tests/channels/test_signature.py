"""Webhook signatures: Meta's documented test vector and every way a signature can be wrong."""

import json

import pytest

from channels.whatsapp.signature import sign, verify_signature
from tests.conftest import SHARED_DIR

VECTOR = json.loads((SHARED_DIR / "data" / "whatsapp" / "signature_test_vector.json").read_text())


def test_when_signing_the_documented_vector_then_header_matches():
    assert sign(VECTOR["raw_body"].encode(), VECTOR["app_secret"]) == VECTOR["header_value"]


def test_when_header_is_the_documented_vector_then_it_verifies():
    assert verify_signature(VECTOR["raw_body"].encode(), VECTOR["header_value"], VECTOR["app_secret"])


@pytest.mark.parametrize(
    ("body", "header", "secret"),
    [
        pytest.param(b"Hello, World?", VECTOR["header_value"], VECTOR["app_secret"], id="tampered-body"),
        pytest.param(VECTOR["raw_body"].encode(), VECTOR["header_value"], "another secret", id="wrong-secret"),
        pytest.param(VECTOR["raw_body"].encode(), None, VECTOR["app_secret"], id="missing-header"),
        pytest.param(VECTOR["raw_body"].encode(), "", VECTOR["app_secret"], id="empty-header"),
        pytest.param(VECTOR["raw_body"].encode(), VECTOR["header_value"][7:], VECTOR["app_secret"], id="no-prefix"),
        pytest.param(
            VECTOR["raw_body"].encode(), "sha1=" + VECTOR["header_value"][7:], VECTOR["app_secret"], id="sha1-prefix"
        ),
        pytest.param(VECTOR["raw_body"].encode(), "sha256=ñ" + "0" * 63, VECTOR["app_secret"], id="non-ascii"),
        pytest.param(VECTOR["raw_body"].encode(), VECTOR["header_value"], "", id="no-secret-configured"),
    ],
)
def test_when_signature_is_wrong_then_it_is_refused(body, header, secret):
    assert not verify_signature(body, header, secret)
