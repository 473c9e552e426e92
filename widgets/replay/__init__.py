"""Replay of a vehicle's stored track: the dock with its time slider, the track on the map."""

from widgets.replay.layers import ReplayLayers
from widgets.replay.track import Moment, ReplayTrack, StopSpan, TripSpan, moment_at
from widgets.replay.track_layer import LineStyle, PolylineLayer
from widgets.replay.widget import ReplayWidget

__all__ = ["LineStyle", "Moment", "PolylineLayer", "ReplayLayers", "ReplayTrack", "ReplayWidget", "StopSpan",
           "TripSpan", "moment_at"]
