"""UI building blocks; with views/, the only place Streamlit is imported."""
