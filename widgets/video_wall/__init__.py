"""The video wall: tiles fed by frame sources, layouts, carousel, enlarge and snapshots."""

from widgets.video_wall.layouts import PRESETS, Cell, LayoutSpec, grid, one_plus, preset
from widgets.video_wall.source import (
    CAMERA_MIME,
    Box,
    CameraRef,
    FrameSource,
    SourceProvider,
    SourceStatus,
    TileFrame,
    cameras_from_mime,
    cameras_mime,
)
from widgets.video_wall.tile import VideoTile
from widgets.video_wall.view import VideoWallView
from widgets.video_wall.wall import PAINT_HZ, VideoWall

__all__ = [
    "CAMERA_MIME", "PAINT_HZ", "PRESETS", "Box", "CameraRef", "Cell", "FrameSource", "LayoutSpec", "SourceProvider",
    "SourceStatus", "TileFrame", "VideoTile", "VideoWall", "VideoWallView", "cameras_from_mime", "cameras_mime",
    "grid", "one_plus", "preset",
]
