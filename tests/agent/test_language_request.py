"""A patient who asks to be answered in a language is answered in it, whatever language they wrote in."""

from agent.engine import requested_language
from tests.agent.conftest import reply_text


def test_an_explicit_request_names_the_reply_language():
    assert requested_language("quiero una cita with the dermatologist, en ingles if possible") == "en"
    assert requested_language("respondeme en ingles porfa") == "en"
    assert requested_language("can you answer in spanish please") == "es"


def test_asking_whether_something_is_in_a_language_is_not_a_request():
    assert requested_language("el portal esta en ingles?") is None
    assert requested_language("is the portal in english") is None


def test_when_a_spanish_message_asks_for_english_the_reply_is_english(chat):
    result = chat.send("a q hora abris los sabados? en ingles por favor")
    assert result.language == "en"
    assert "9:00 a 14:00" in reply_text(result)
