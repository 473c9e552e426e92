"""Feature panels of the main window. Each module exposes ``install(window)``, which adds its
docks, menu entries and map layers and wires core services to widgets through ``window.hub``.
They are installed in the order listed; a panel must not depend on a later one."""

PANEL_MODULES = (
    "desktop.panels.map",
    "desktop.panels.overview",
    "desktop.panels.vehicles",
    "desktop.panels.tests",
    "desktop.panels.ratings",
    "desktop.panels.cameras",
    "desktop.panels.alerts",
)
