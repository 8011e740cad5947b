"""The conversation engine: routing, flows, grounded answering, handoff and LLM providers."""
