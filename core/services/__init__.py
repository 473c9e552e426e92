"""Domain services: every state change goes through here, checked for permission and audited.

A service function takes the caller's session (one per user action) and an Actor, and returns
plain data or ORM rows; it never opens its own session and never touches Qt.
"""
