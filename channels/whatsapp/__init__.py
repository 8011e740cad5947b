"""WhatsApp Cloud API: signed webhooks in, Graph API sends out."""
