"""Statements: the filtered statements, sorted and paged, each linked to its source."""

import math

import streamlit as st

from components import filters, history, layout, tables
from components.choices import ORDER_LABELS, PAGE_SIZES, SORT_LABELS
from components.database import query
from stancewatch import describe
from stancewatch.params import SORT_COLUMNS

f = filters.current()
p = f.params()
layout.header("Statements", f)

c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
sort = c1.selectbox(
    "Sort by", SORT_COLUMNS, key="sort", bind="query-params", format_func=SORT_LABELS.get
)
descending = c2.segmented_control(
    "Order", ["desc", "asc"], default="desc", key="order", bind="query-params", required=True,
    format_func=ORDER_LABELS.get,
) != "asc"  # fmt: skip
size = c3.selectbox("Rows per page", PAGE_SIZES, index=1, key="size", bind="query-params")
total = int(query("analytics/kpis", p).iloc[0]["statements"])
if not total:
    layout.empty_state()
pages = max(math.ceil(total / size), 1)
asked = st.query_params.get("page", "")
if asked.isdigit() and int(asked) > pages:  # a link to a page these filters no longer have
    st.caption(f":material/link_off: The link asked for page {int(asked):,}: there are {pages:,}.")
page = c4.number_input(
    "Page", min_value=1, max_value=pages, value=1, key="page", bind="query-params"
)
page = min(int(page), pages)

rows = query(
    "analytics/statements",
    {**p, "sort": sort, "descending": descending, "limit": size, "offset": (page - 1) * size},
)
first = (page - 1) * size + 1
st.caption(
    f"Rows {first:,}–{first + len(rows) - 1:,} of {describe.count(total)} (page {page:,} of {pages:,}); "
    "the same count as the Overview's."
)
tables.statements_table(rows, key="statements_table")

with st.expander("Stance history of a statement", icon=":material/history:"):
    history.panel(st.number_input("Statement #", min_value=1, step=1, value=None, key="history_id"))
