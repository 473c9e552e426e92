"""Names of the import/export kinds, cheap to import (the command line lists them at start-up)."""

KIND_NAMES = ("markets", "businesses", "vendor-zones", "stalls", "cameras", "vehicles", "inspectors",
              "inspections", "rapid-tests")
