"""Where the docks sit, and what each named view shows.

Panels add their docks; the workspace owns the arrangement, so the window fits a 1920×1080 wall
display without growing: the map in the centre, tabs on each side (lists above, the picked item's
details below on the right), the KPI strip on top, and the larger panels (video wall, dashboard,
replay) below only in the views that need them. A view never hides part of a tab group (Qt leaves
the tab bar of such a group drawn where it was): it hides whole groups and brings tabs forward.
A panel's own ``show_view`` only prepares its content (fills a market view, focuses a queue…).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

TOP = ("overview",)
LEFT = ("map_layers", "rapid_tests", "star_review", "risk_grades", "camera_tree")
RIGHT = ("alert_queue", "vehicles", "market_view")
RIGHT_BELOW = ("alert_detail", "map_details", "vehicle_details")  # what is picked, under the lists
BOTTOM = ("video_wall", "city_dashboard", "replay")
GROUPS = {"top": TOP, "left": LEFT, "right": RIGHT, "right_below": RIGHT_BELOW, "bottom": BOTTOM}

# view -> (groups shown, tabs brought forward, (left, right) column widths, bottom height)
VIEWS = {
    "map": (("top", "left", "right", "right_below"), ("map_layers", "alert_queue", "map_details"), (330, 480), 0),
    "alerts": (("top", "left", "right", "right_below", "bottom"), ("map_layers", "alert_queue", "alert_detail",
                                                                   "video_wall"), (300, 640), 250),
    "tests": (("top", "left", "right", "bottom"), ("rapid_tests", "market_view", "city_dashboard"), (380, 560), 260),
    "cameras": (("top", "left"), ("camera_tree",), (360, 0), 0),
    "wall": (("top",), (), (0, 0), 0),
}
DEFAULT_VIEW = "map"


class Workspace:
    def __init__(self, window):
        self.window = window
        self.view = DEFAULT_VIEW

    def _docks(self, names):
        return [self.window.docks[n] for n in names if n in self.window.docks]

    def arrange(self) -> None:
        """Put every dock in its group, once, after all panels are installed."""
        w = self.window
        areas = {"top": Qt.DockWidgetArea.TopDockWidgetArea, "left": Qt.DockWidgetArea.LeftDockWidgetArea,
                 "right": Qt.DockWidgetArea.RightDockWidgetArea, "right_below": Qt.DockWidgetArea.RightDockWidgetArea,
                 "bottom": Qt.DockWidgetArea.BottomDockWidgetArea}
        placed = {d for names in GROUPS.values() for d in self._docks(names)}
        for dock in placed:  # start clean, whatever the panels did; Qt places hidden docks unreliably
            w.removeDockWidget(dock)
        for group, names in GROUPS.items():
            for dock in self._docks(names):
                dock.setFloating(False)
                w.addDockWidget(areas[group], dock)
                dock.show()
        lists, below = self._docks(RIGHT), self._docks(RIGHT_BELOW)
        if below:
            # Split before tabbing: splitting a dock that already has tabs only adds another tab.
            if lists:
                w.splitDockWidget(lists[0], below[0], Qt.Orientation.Vertical)
            else:
                w.addDockWidget(areas["right"], below[0])
        for names in (*GROUPS.values(),):
            docks = self._docks(names)
            for dock in docks[1:]:
                w.tabifyDockWidget(docks[0], dock)
            if docks:
                docks[0].raise_()  # a group opens on its first tab unless a view says otherwise
        w.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        w.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

    def show(self, name: str) -> None:
        """Show the dock groups of a view, hide the others, bring its tabs forward."""
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}; views are {', '.join(VIEWS)}")
        self.view = name
        groups, front, (left, right), bottom = VIEWS[name]
        w = self.window
        # The widths and heights are for a 1920×1080 wall; a smaller window gets them in proportion.
        # The lists on the right keep their width (their filters need it) up to 40 % of the window.
        fx, fy = min(1.0, w.width() / 1920), min(1.0, w.height() / 1080)
        left, right, bottom = int(left * fx), min(right, int(0.4 * w.width())), int(bottom * fy)
        for group, names in GROUPS.items():
            for dock in self._docks(names):
                if not dock.isFloating():
                    dock.setVisible(group in groups)
        for dock in self._docks(front):
            dock.raise_()
        sized = [(self._docks(LEFT), left), (self._docks(RIGHT), right)]
        docks = [d[0] for d, width in sized if d and width]
        if docks:
            w.resizeDocks(docks, [width for d, width in sized if d and width], Qt.Orientation.Horizontal)
        lists, below = self._docks(RIGHT), self._docks(RIGHT_BELOW)
        if lists and below and "right_below" in groups:
            # Shares of the column's present height: absolute sizes would make the window grow.
            total = max(200, lists[0].height() + below[0].height())
            share = 0.5 if name == "alerts" else 0.58
            w.resizeDocks([lists[0], below[0]], [int(total * share), total - int(total * share)],
                          Qt.Orientation.Vertical)
        if bottom and self._docks(BOTTOM):
            w.resizeDocks([self._docks(BOTTOM)[0]], [bottom], Qt.Orientation.Vertical)

    def reveal(self, dock_name: str) -> None:
        """Bring a dock to the front, showing its whole tab group if the view had hidden it."""
        for names in GROUPS.values():
            if dock_name in names:
                for dock in self._docks(names):
                    dock.show()
                break
        dock = self.window.docks.get(dock_name)
        if dock is not None:
            dock.show()
            dock.raise_()
