"""The synthetic demo city (DESIGN.md §4)."""

from core.demo.build import DEMO_PASSWORD, FIGURES, build_demo, is_synthetic

__all__ = ["DEMO_PASSWORD", "FIGURES", "build_demo", "is_synthetic"]
