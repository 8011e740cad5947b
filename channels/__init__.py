"""Channels: the WhatsApp Cloud API and the local simulator that stands in for it."""
