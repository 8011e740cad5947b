"""WhatsApp label limits are enforced where a message is built, and the per-number token bucket paces sends."""

import pytest

from channels.messages import (
    Button,
    ButtonsMessage,
    ListMessage,
    ListRow,
    ListSection,
    MessageLimitError,
    TextMessage,
)
from channels.whatsapp.ratelimit import TokenBucket


def _rows(n: int) -> list[ListRow]:
    return [ListRow(id=f"r{i}", title=f"Opción {i}") for i in range(n)]


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: Button(id="n", title="Hablar con enfermería"), id="button-title-21-code-points"),
        pytest.param(lambda: TextMessage(text="a" * 4097), id="text-over-4096"),
        pytest.param(
            lambda: ButtonsMessage(text="x", buttons=[Button(id=str(i), title=f"B{i}") for i in range(4)]),
            id="four-buttons",
        ),
        pytest.param(
            lambda: ButtonsMessage(text="x", buttons=[Button(id="a", title="Sí"), Button(id="b", title="Sí")]),
            id="duplicate-titles",
        ),
        pytest.param(
            lambda: ListMessage(text="x", button="Ver", sections=[ListSection(title="S", rows=_rows(11))]),
            id="eleven-rows",
        ),
        pytest.param(lambda: ListRow(id="r", title="t", description="d" * 73), id="row-description-73"),
        pytest.param(lambda: ButtonsMessage(text="x" * 1025, buttons=[Button(id="a", title="A")]), id="body-1025"),
    ],
)
def test_when_a_message_breaks_a_whatsapp_limit_then_building_it_fails(build):
    # A clear error of its own class, where the message is authored (never a silent truncation at send time).
    with pytest.raises(MessageLimitError, match="WhatsApp allows|buttons|unique|rows in all|empty"):
        build()


def test_when_labels_fit_exactly_then_they_are_accepted():
    assert Button(id="n", title="Hablar con enfermer").title == "Hablar con enfermer"  # 19 code points
    assert len(ListMessage(text="x", button="Ver", sections=[ListSection(title="S", rows=_rows(10))]).sections) == 1
    assert len(TextMessage(text="á" * 4096).text) == 4096


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_when_sends_exceed_the_burst_then_each_waits_for_its_token():
    clock = _Clock()
    bucket = TokenBucket(10.0, burst=2, clock=clock, sleep=clock.sleep)
    waits = [bucket.acquire() for _ in range(5)]
    assert waits[:2] == [0.0, 0.0]
    assert waits[2:] == pytest.approx([0.1, 0.1, 0.1])


def test_when_time_passes_then_tokens_refill_up_to_the_burst():
    clock = _Clock()
    bucket = TokenBucket(10.0, burst=2, clock=clock, sleep=clock.sleep)
    bucket.acquire()
    bucket.acquire()
    clock.now += 10
    assert [bucket.acquire(), bucket.acquire()] == [0.0, 0.0]
    assert bucket.acquire() == pytest.approx(0.1)
