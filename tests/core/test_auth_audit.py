"""Users, roles, hashed passwords and the audit trail."""

import pytest
from sqlalchemy import select

from core import audit
from core.auth import SYSTEM, Actor, authenticate, create_user, hash_password, verify_password
from core.db.models import AuditEvent, Business, User
from core.errors import PermissionDenied, ShianError


def test_passwords_are_salted_scrypt_hashes():
    h1, h2 = hash_password("s3cret!"), hash_password("s3cret!")
    assert h1.startswith("scrypt$") and h1 != h2 and "s3cret" not in h1
    assert verify_password("s3cret!", h1) and not verify_password("s3cret", h1)
    assert not verify_password("x", "md5$abc")


def test_sign_in_and_roles(db):
    with db.session() as s:
        create_user(s, "wang", "pw-1", "supervisor")
    with db.session() as s:
        actor = authenticate(s, "wang", "pw-1")
        assert actor == Actor("wang", "supervisor")
        with pytest.raises(ShianError, match="wrong user name or password"):
            authenticate(s, "wang", "nope")
        with pytest.raises(ShianError, match="already exists"):
            create_user(s, "wang", "x", "analyst")
        with pytest.raises(ShianError, match="unknown role"):
            create_user(s, "li", "x", "janitor")
        stored = s.scalar(select(User.password_hash).where(User.username == "wang"))
        assert "pw-1" not in stored


@pytest.mark.parametrize("role,permission,allowed", [
    ("supervisor", "review_alert", True), ("operator", "review_alert", False),
    ("analyst", "export_data", True), ("inspector", "export_data", False),
    ("operator", "dispatch", True), ("analyst", "dispatch", False),
    ("admin", "manage_users", True), ("supervisor", "import_data", False),
])
def test_permissions_by_role(role, permission, allowed):
    actor = Actor("x", role)
    assert actor.can(permission) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied, match=permission.replace("_", " ")):
            actor.require(permission)


def test_system_services_may_raise_but_not_review():
    SYSTEM.require("raise_alert")
    with pytest.raises(PermissionDenied):
        SYSTEM.require("review_alert")


def test_audit_row_has_before_and_after(db):
    with db.session() as s:
        b = Business(licence_no="JY9", name="甲", kind="restaurant", lon=1.0, lat=2.0, qr_token="t9")
        s.add(b)
        s.flush()
        before = audit.snapshot(b)
        b.name = "乙"
        audit.record(s, Actor("li", "admin"), "business.rename", b, before=before)
    with db.session() as s:
        ev = s.scalar(select(AuditEvent))
        assert (ev.actor, ev.action, ev.entity) == ("li", "business.rename", "business")
        assert ev.before["name"] == "甲" and ev.after["name"] == "乙" and ev.at is not None
