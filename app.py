"""Stancewatch dashboard: page config and navigation only; each page is a script in views/."""

import streamlit as st

st.set_page_config(
    page_title="Stancewatch", page_icon=":material/record_voice_over:", layout="wide"
)

page = st.navigation(
    [st.Page("views/overview.py", title="Overview", icon=":material/insights:", default=True)]
)
st.sidebar.caption(
    "Stancewatch: what Paris, Moscow and Kyiv confirm, deny or decline to comment on."
)
page.run()
