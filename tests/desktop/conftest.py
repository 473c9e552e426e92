"""Qt fixtures for the desktop tests (offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
