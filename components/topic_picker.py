"""Topic pickers for the Edit topics page that stay small however many topics the store holds.

A picker lists at most filters.LIST_CHOICES topics: a store of 20,000 would otherwise send every title
to the browser three times a run (rename, merge from, merge into). A larger store gets a Find box
over each picker, searched in SQL (curation/topic_choices); a small one looks as it always did.
"""

from __future__ import annotations

import streamlit as st

from components import filters
from components.database import connection
from components.text import escape_markdown
from stancewatch import describe, topic_edits


class TopicPicker:
    """The topics on offer this run, with one label per topic id for the selectboxes."""

    def __init__(self) -> None:
        self.labels: dict[int, str] = {}
        self.every, self.total = self._offer(None)

    def _offer(self, find: str | None) -> tuple[list[int], int]:
        """(topic ids, how many topics matched in all) for a search; collects their labels."""
        topics = topic_edits.topics(connection(), find=find, limit=filters.LIST_CHOICES)
        ids = [int(t) for t in topics["topic_id"].tolist()]
        for topic_id, title, held in zip(
            ids, topics["title"].tolist(), topics["statements"].tolist(), strict=True
        ):
            self.labels[topic_id] = f"{title} · {describe.count(int(held))}"
        return ids, int(topics["matching"].iat[0]) if ids else 0

    def label(self, topic_id: int) -> str:
        return self.labels[topic_id]

    def topics(self, key: str, label: str = "Find topics") -> list[int]:
        """Every topic when they fit in a picker; else a Find box (widget `key`) and its matches."""
        if self.total <= len(self.every):
            return self.every
        find = st.text_input(
            label, key=key, max_chars=topic_edits.MAX_TITLE,
            placeholder=f"Search all {self.total:,} topics",
            help="Lists the topics whose title contains these words, ignoring case and accents.",
        ).strip()  # fmt: skip
        shown, matching = self._offer(find) if find else (self.every, self.total)
        if matching > len(shown):
            what = f"topics containing “{escape_markdown(find)}”" if find else "topics"
            st.caption(
                f"Lists the first {len(shown):,} of {matching:,} {what} by title; type more of a "
                "title to find the others."
            )
        elif not shown:
            st.caption(f"No topic title contains “{escape_markdown(find)}”.")
        return shown
