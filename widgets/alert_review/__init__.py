"""The supervisor's alert review: a keyboard-first queue, filters, and one alert in full."""

from widgets.alert_review.data import (
    REVIEW_STATES,
    AlertDetail,
    AlertFilter,
    AlertLine,
    HistoryLine,
    Threshold,
    TimelineLine,
)
from widgets.alert_review.detail import AlertDetailView
from widgets.alert_review.player import ClipPlayer, PictureView
from widgets.alert_review.prompt import InlinePrompt
from widgets.alert_review.queue import AlertQueue

__all__ = [
    "REVIEW_STATES", "AlertDetail", "AlertDetailView", "AlertFilter", "AlertLine", "AlertQueue", "ClipPlayer",
    "HistoryLine", "InlinePrompt", "PictureView", "Threshold", "TimelineLine",
]
