"""Registries in and out: CSV, XLSX, GeoJSON and GPKG, validated whole before anything is written."""
