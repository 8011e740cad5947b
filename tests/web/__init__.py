"""Tests of the simulator, its Graph API stand-in, and the documents API and admin pages."""
