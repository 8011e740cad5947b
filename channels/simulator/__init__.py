"""A WhatsApp-like web page and a Graph API stand-in, so Recepta runs without Meta credentials."""
