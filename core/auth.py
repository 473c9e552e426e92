"""Users, roles and the permission check every service calls before it changes anything.

Passwords are hashed with scrypt (memory-hard, in the standard library). Widgets may hide what a
role cannot do, but the check that counts is here, inside the services.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db.models import ROLES, User
from core.errors import PermissionDenied, ShianError

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1

# What each role may do. Admin may do everything.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLES),
    "export_data": frozenset({"analyst", "supervisor", "admin"}),
    "import_data": frozenset({"admin"}),
    "review_alert": frozenset({"supervisor", "admin"}),
    "raise_alert": frozenset({"operator", "supervisor", "admin", "system"}),
    "dispatch": frozenset({"operator", "inspector", "supervisor", "admin"}),
    "update_task": frozenset({"inspector", "operator", "supervisor", "admin"}),
    "record_inspection": frozenset({"inspector", "supervisor", "admin"}),
    "record_rapid_test": frozenset({"inspector", "supervisor", "admin", "system"}),
    "rate_stars": frozenset({"supervisor", "admin"}),
    "propose_stars": frozenset({"supervisor", "admin", "system"}),
    "configure_cameras": frozenset({"supervisor", "admin"}),
    "manage_users": frozenset({"admin"}),
    "ingest_positions": frozenset({"admin", "system"}),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``system`` is the role of headless services (GPS server, vision workers)."""

    username: str
    role: str

    def can(self, permission: str) -> bool:
        if self.role == "admin":
            return True
        return self.role in PERMISSIONS.get(permission, frozenset())

    def require(self, permission: str) -> None:
        if permission not in PERMISSIONS:
            raise KeyError(f"unknown permission {permission!r}")
        if not self.can(permission):
            raise PermissionDenied(self.username, self.role, permission)


SYSTEM = Actor("system", "system")


def hash_password(password: str) -> str:
    if not password:
        raise ShianError("a password may not be empty")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    want = base64.b64decode(digest)
    got = hashlib.scrypt(
        password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(want)
    )
    return hmac.compare_digest(want, got)


def create_user(session: Session, username: str, password: str, role: str, display_name: str = "") -> User:
    if role not in ROLES:
        raise ShianError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    if session.scalar(select(User).where(User.username == username)):
        raise ShianError(f"user {username!r} already exists")
    user = User(username=username, role=role, display_name=display_name or username,
                password_hash=hash_password(password), active=True)
    session.add(user)
    return user


def authenticate(session: Session, username: str, password: str) -> Actor:
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not verify_password(password, user.password_hash):
        raise ShianError("wrong user name or password")
    return Actor(user.username, user.role)
