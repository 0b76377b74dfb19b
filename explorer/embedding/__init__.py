"""The embedding model (all-MiniLM-L6-v2 from its wheel, loaded lazily, offline) and vector helpers."""
