"""The live fleet: its state (last fixes, states, trails), its layers on the map and the list dock."""

from widgets.vehicle_list.fleet import ALERT, MOVING, OFFLINE, STOPPED, FleetState, VehicleInfo
from widgets.vehicle_list.fleet_layers import FleetLayers
from widgets.vehicle_list.view import VehicleListWidget

__all__ = ["ALERT", "MOVING", "OFFLINE", "STOPPED", "FleetLayers", "FleetState", "VehicleInfo", "VehicleListWidget"]
