"""Helpers shared by the reliability and security tests (sample files, a real-data database, subprocess tools)."""
