"""The door in front of every write: the editor password (once per session) and the editor's name.

Policy lives in stancewatch/editor_access.py; this file only asks and remembers. Reading pages never
calls it.
"""

from __future__ import annotations

import streamlit as st

from stancewatch import editor_access

_UNLOCKED, _NAME = "_editor_unlocked", "_editor_name"


def _secrets() -> dict[str, object]:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # noqa: BLE001 - no secrets.toml is the normal case
        return {}


def policy() -> editor_access.WritePolicy:
    password = editor_access.configured_password(_secrets())
    return editor_access.policy(st.get_option("server.address"), password)


def _unlock_form() -> None:
    with st.form("editor_unlock"):
        st.markdown("**Editor sign-in** · changing data needs the editor password.")
        given = st.text_input("Editor password", type="password", key="editor_password")
        if st.form_submit_button("Unlock editing", icon=":material/lock_open:"):
            expected = editor_access.configured_password(_secrets()) or ""
            # Failures count per server process (editor_access.THROTTLE), not per session.
            if editor_access.THROTTLE.attempt(given or "", expected):
                st.session_state[_UNLOCKED] = True
                st.rerun()
            st.error("Wrong password. Each further try waits a little longer.")


def editor(action: str) -> str | None:
    """The editor's name when this session may `action`; else explain (or ask) and return None."""
    rule = policy()
    if not rule.enabled:
        st.warning(rule.message, icon=":material/lock:")
        return None
    if rule.needs_password and not st.session_state.get(_UNLOCKED):
        st.info(f"You can look around; to {action}, unlock editing first.", icon=":material/lock:")
        _unlock_form()
        return None
    name = st.text_input(
        "Your name (recorded with your changes)",
        value=st.session_state.get(_NAME, "editor"),
        max_chars=80,
        key=f"editor_name_{action}",
    ).strip()
    st.session_state[_NAME] = name or "editor"
    return st.session_state[_NAME]
