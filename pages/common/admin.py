"""Cập nhật dữ liệu, for administrators: the editors, and adding, resetting and disabling them.

Every change goes through plantrack.auth's `*_as_admin` functions, which check the role in the
database and audit the change; names are shown only in st.dataframe and widgets, never as markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from plantrack import auth, clock

NOTICE_KEY = "admin_notice"
AUDITED_ACTIONS = ("user_add", "user_reset", "user_disable")


def _when(value) -> str:
    return (
        "" if value is None or pd.isna(value) else f"{clock.local(pd.Timestamp(value).to_pydatetime()):%d/%m/%Y %H:%M}"
    )


def manage_editors(view, editor: auth.Editor) -> None:
    """The editors' panel; drawn only for an administrator."""
    if not auth.is_admin(view.cur, editor):
        return
    with st.expander(view.t("adm_title"), icon=":material/manage_accounts:"):
        st.caption(view.t("adm_intro"))
        notice = st.session_state.pop(NOTICE_KEY, None)
        if notice:
            kind, text = notice
            (st.success if kind == "ok" else st.error)(text)
        users = auth.users(view.cur)
        st.dataframe(
            pd.DataFrame(
                {
                    "user_name": [u["user_name"] for u in users],
                    "role": [view.t("users_role_admin" if u["is_admin"] else "users_role_editor") for u in users],
                    "created": [_when(u["created_at"]) for u in users],
                    "status": [
                        view.t("users_disabled_since", time=_when(u["disabled_at"]))
                        if u["disabled_at"] is not None
                        else view.t("users_enabled")
                        for u in users
                    ],
                    "last_login": [_when(u["last_login"]) for u in users],
                }
            ),
            column_config={
                "user_name": view.t("adm_col_user"),
                "role": view.t("adm_col_role"),
                "created": view.t("adm_col_created"),
                "status": view.t("adm_col_status"),
                "last_login": view.t("adm_col_last_login"),
            },
            hide_index=True,
            width="stretch",
            key="admin_users",
        )
        left, right = st.columns(2)
        with left, st.form("admin_add", clear_on_submit=True):
            st.markdown("##### " + view.t("adm_add_title"))
            name = st.text_input(view.t("adm_name"), autocomplete="off")
            password = st.text_input(
                view.t("adm_password", length=auth.MIN_PASSWORD_LENGTH), type="password", autocomplete="new-password"
            )
            again = st.text_input(view.t("adm_password_again"), type="password", autocomplete="new-password")
            admin = st.checkbox(view.t("adm_is_admin"))
            if st.form_submit_button(view.t("adm_add_button"), type="primary"):
                _add(view, name, password, again, admin)
        with right:
            st.markdown("##### " + view.t("adm_disable_title"))
            others = [u["user_name"] for u in users if u["disabled_at"] is None and u["user_name"] != editor.user_name]
            st.caption(view.t("adm_disable_self"))
            if not others:
                st.info(view.t("adm_disable_none"))
                return
            target = st.selectbox(
                view.t("adm_disable_choose"),
                others,
                index=None,
                placeholder=view.t("adm_disable_placeholder"),
                key="admin_disable_target",
            )
            if st.button(view.t("adm_disable_button"), disabled=target is None, key="admin_disable"):
                _disable(view, target)


def _add(view, name: str, password: str, again: str, admin: bool) -> None:
    if password != again:
        st.session_state[NOTICE_KEY] = ("error", view.t("user_password_mismatch"))
    else:
        try:
            created = auth.add_user_as_admin(view.cur, st.session_state, name, password, admin=admin)
        except auth.BadCredentials as refused:
            st.session_state[NOTICE_KEY] = ("error", view.t(refused.code, **refused.params))
        except PermissionError:
            st.session_state[NOTICE_KEY] = ("error", view.t("adm_not_admin"))
        else:
            key = "user_created" if created else "user_reset"
            st.session_state[NOTICE_KEY] = ("ok", view.t(key, name=auth.check_name(name)))
    st.rerun()


def _disable(view, name: str) -> None:
    try:
        done = auth.disable_user_as_admin(view.cur, st.session_state, name)
    except PermissionError:
        done = None
        st.session_state[NOTICE_KEY] = ("error", view.t("adm_not_admin"))
    if done:
        st.session_state[NOTICE_KEY] = ("ok", view.t("users_disabled", name=name))
    elif done is False:
        st.session_state[NOTICE_KEY] = ("error", view.t("users_no_such", name=name))
    st.rerun()


def audit_detail(view, detail: str) -> str:
    """An editor change's audit detail (`by NAME`, `, admin`: see auth.add_user) in the reader's language."""
    parts = [part.strip() for part in detail.split(",")]
    shown = [
        view.t("adm_detail_by", name=part.removeprefix("by ")) if part.startswith("by ") else view.t("adm_detail_admin")
        for part in parts
        if part.startswith("by ") or part == "admin"
    ]
    return ", ".join(shown) if len(shown) == len(parts) else detail
