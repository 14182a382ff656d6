"""Stancewatch dashboard: page config, navigation, the shared sidebar filters and live refresh."""

import streamlit as st

from components import filters, live

st.set_page_config(
    page_title="Stancewatch", page_icon=":material/record_voice_over:", layout="wide"
)

page = st.navigation(
    {
        "Dashboard": [
            st.Page(
                "views/overview.py", title="Overview", icon=":material/insights:", default=True
            ),
            st.Page("views/trends.py", title="Trends", icon=":material/show_chart:"),
            st.Page("views/changes.py", title="Stance changes", icon=":material/swap_horiz:"),
            st.Page("views/topics.py", title="Topics", icon=":material/topic:"),
            st.Page("views/statements.py", title="Statements", icon=":material/table_rows:"),
        ],
        "Curation": [
            st.Page("views/upload.py", title="Upload", icon=":material/upload_file:"),
            st.Page("views/batches.py", title="Batches", icon=":material/inventory_2:"),
            st.Page("views/review.py", title="Review", icon=":material/rule:"),
            st.Page("views/topic_editor.py", title="Edit topics", icon=":material/edit_note:"),
        ],
    }
)
live.start_run()
filters.sidebar(filters.load_options())
with st.sidebar:
    st.divider()
    live.watch()
    st.caption("Stancewatch: what Paris, Moscow and Kyiv confirm, deny or decline to comment on.")
page.run()
