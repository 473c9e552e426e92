"""Kitchen-camera vision: capture, demo clips, detectors, media, privacy and the headless worker.

Everything here is Qt-free: the worker runs on machines with no display, and the desktop's video
wall only takes the newest frame of each stream from the capture threads.
"""
