"""Arguments that name an entity take its own id (``"p-0042"``) or its Relay global id."""

from __future__ import annotations

from strawberry.relay import GlobalID


def entity_key(value: str, type_name: str) -> str:
    """The organisation's own id inside ``value``.

    >>> entity_key("p1", "Person")
    'p1'
    >>> entity_key(str(GlobalID("Person", "p1")), "Person")
    'p1'
    """
    try:
        gid = GlobalID.from_id(value)
    except Exception:  # noqa: BLE001 - anything that is not a global id is a plain id
        return value
    return gid.node_id if gid.type_name == type_name else value
