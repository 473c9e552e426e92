"""Data feeds into the command center: the JT/T 808 GPS server and its simulator, track imports."""
