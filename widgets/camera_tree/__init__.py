"""The city's cameras by district and business, dragged onto the video wall."""

from widgets.camera_tree.model import CAMERAS_ROLE, STATE_COLOURS, CameraEntry, CameraTreeModel
from widgets.camera_tree.view import CameraTree

__all__ = ["CAMERAS_ROLE", "STATE_COLOURS", "CameraEntry", "CameraTree", "CameraTreeModel"]
