"""Error responses never echo what the client sent: a rejected body may be a patient's message."""

from fastapi.testclient import TestClient

from service.app import create_app


def test_when_request_body_invalid_then_422_names_the_field_but_not_the_value(sqlite_settings):
    app = create_app(sqlite_settings, start_jobs=False)
    with TestClient(app) as client:
        response = client.post(
            "/api/v1/chat",
            json={"text": "Mi DNI es 31415926L " + "x" * 5000, "from": 12},
            headers={"Authorization": "Bearer changeme"},
        )
    assert response.status_code == 422
    assert "31415926L" not in response.text
    assert response.json()["detail"][0]["loc"][0] == "body"
