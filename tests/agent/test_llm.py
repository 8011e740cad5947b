"""The OpenAI-compatible adapter and grounded generation, over real HTTP to a scripted loopback server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from agent.answering import Answering
from agent.grounded import GroundedGenerator
from agent.llm import LLMUnavailable, OpenAIChatLLM, build_llm
from agent.settings import LLMSettings
from tests.agent.openai_server import OpenAIServer, Scripted, _free_port

QUESTION = "¿A qué hora abrís los sábados?"


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    running = OpenAIServer().start()
    yield running
    running.stop()


@pytest.fixture
def llm(server: OpenAIServer) -> OpenAIChatLLM:
    server.reset()
    return OpenAIChatLLM(
        LLMSettings(
            provider="openai",
            base_url=server.base_url,
            model="test-model",
            api_key=SecretStr("sk-test"),
            timeout_seconds=5,
            max_retries=0,
        )
    )


def test_when_provider_is_extractive_then_no_llm_is_built():
    assert build_llm(LLMSettings()) is None


def test_when_completing_then_the_request_goes_over_http_with_model_and_limits(llm, server):
    server.enqueue(Scripted(content="Hola"))
    assert llm.complete([{"role": "system", "content": "s"}, {"role": "user", "content": "q"}], max_tokens=64) == "Hola"
    sent = server.requests[-1]
    assert sent["model"] == "test-model"
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert sent.get("max_tokens", sent.get("max_completion_tokens")) == 64


def test_when_streaming_then_chunks_arrive_in_order_over_sse(llm, server):
    server.enqueue(Scripted(content="Abrimos a las nueve"))
    assert "".join(llm.stream([{"role": "user", "content": "q"}])) == "Abrimos a las nueve"
    assert server.requests[-1]["stream"] is True


def test_when_endpoint_fails_then_llm_unavailable_without_prompt_text(llm, server):
    server.enqueue(Scripted(status=500))
    with pytest.raises(LLMUnavailable) as info:
        llm.complete([{"role": "user", "content": "secret question text"}])
    assert "secret" not in str(info.value)


def test_when_endpoint_is_down_then_llm_unavailable():
    down = OpenAIChatLLM(
        LLMSettings(provider="openai", base_url=f"http://127.0.0.1:{_free_port()}/v1", timeout_seconds=2, max_retries=0)
    )
    with pytest.raises(LLMUnavailable):
        down.complete([{"role": "user", "content": "q"}])


def _generator(llm, policy, cache, retriever):
    return GroundedGenerator(llm, policy, cache, retriever, settings=llm.settings)


def test_when_model_answers_from_chunks_then_answer_is_cited(llm, server, policy, cache, retriever):
    chunks = retriever.retrieve(QUESTION, k=4)
    server.enqueue(
        Scripted(
            tool_calls=[
                (
                    "GroundedAnswer",
                    {"answer": "Los sábados abrimos de 9:00 a 14:00.", "citations": [1], "action": "answer"},
                )
            ]
        )
    )
    outcome = _generator(llm, policy, cache, retriever).generate(QUESTION, language="es", chunks=chunks, decisions=[])
    assert outcome is not None and outcome.answered and outcome.generated
    assert "9:00 a 14:00" in outcome.text
    assert outcome.citations[0].title == chunks[0].title
    tools = {t["function"]["name"] for t in server.requests[-1]["tools"]}
    assert tools == {"SearchApprovedDocuments", "GroundedAnswer"}
    assert [d for d, _ in policy.calls].count("retrieval") == len(chunks)


def test_when_model_searches_then_tool_result_goes_back_and_loop_continues(llm, server, policy, cache, retriever):
    server.enqueue(
        Scripted(tool_calls=[("SearchApprovedDocuments", {"query": "aparcamiento parking"})]),
        Scripted(
            tool_calls=[
                (
                    "GroundedAnswer",
                    {"answer": "No disponemos de aparcamiento propio.", "citations": [5], "action": "answer"},
                )
            ]
        ),
    )
    outcome = _generator(llm, policy, cache, retriever).generate(
        "¿Tenéis parking?", language="es", chunks=retriever.retrieve("¿Tenéis parking?", k=4), decisions=[]
    )
    assert outcome is not None and outcome.answered
    assert len(server.requests) == 2
    tool_messages = [m for m in server.requests[1]["messages"] if m["role"] == "tool"]
    assert any("aparcamiento" in m["content"] for m in tool_messages)


def test_when_generated_answer_invents_a_number_then_it_is_rejected(llm, server, policy, cache, retriever):
    server.enqueue(
        Scripted(
            tool_calls=[
                (
                    "GroundedAnswer",
                    {"answer": "Los sábados abrimos de 10:00 a 13:00.", "citations": [1], "action": "answer"},
                )
            ]
        )
    )
    outcome = _generator(llm, policy, cache, retriever).generate(
        QUESTION, language="es", chunks=retriever.retrieve(QUESTION, k=4), decisions=[]
    )
    assert outcome is None


def test_when_generated_answer_is_off_the_documents_then_it_is_rejected(llm, server, policy, cache, retriever):
    server.enqueue(Scripted(content="Te recomiendo tomar paracetamol y descansar mucho."))
    outcome = _generator(llm, policy, cache, retriever).generate(
        QUESTION, language="es", chunks=retriever.retrieve(QUESTION, k=4), decisions=[]
    )
    assert outcome is None


def test_when_model_says_dont_know_then_outcome_is_unanswered(llm, server, policy, cache, retriever):
    server.enqueue(Scripted(tool_calls=[("GroundedAnswer", {"answer": "", "citations": [], "action": "dont_know"})]))
    outcome = _generator(llm, policy, cache, retriever).generate(
        "¿Quién es el director?", language="es", chunks=retriever.retrieve("director", k=4), decisions=[]
    )
    assert outcome is not None and not outcome.answered


def test_when_endpoint_is_down_then_answering_falls_back_to_extractive(policy, cache, retriever):
    settings = LLMSettings(
        provider="openai", base_url=f"http://127.0.0.1:{_free_port()}/v1", timeout_seconds=2, max_retries=0
    )
    generator = GroundedGenerator(OpenAIChatLLM(settings), policy, cache, retriever, settings=settings)
    outcome = Answering(retriever, cache, generator=generator).answer(QUESTION, language="es")
    assert outcome.answered and not outcome.generated
    assert "9:00 a 14:00" in outcome.text
