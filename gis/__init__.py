"""Qt-free geography: coordinate systems, tiles, spatial index, geofences, heatmap, export."""
