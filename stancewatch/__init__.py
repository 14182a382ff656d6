"""Stancewatch core: the statement store, named queries and CSV ingest (no Streamlit here)."""
