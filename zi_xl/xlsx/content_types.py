"""``[Content_Types].xml``: add and remove ``<Override>`` entries, add ``<Default>`` extensions.

Example::

    ct = add_override(ct, "/xl/worksheets/sheet4.xml", CT_WORKSHEET)
    ct = remove_override(ct, "/xl/calcChain.xml")
"""

from __future__ import annotations

from .xmlspan import esc, parse, splice

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


def overrides(data: bytes) -> dict[str, str]:
    """PartName (with leading ``/``) → ContentType."""
    root = parse(data, name="[Content_Types].xml")
    return {o.attrs.get("PartName", ""): o.attrs.get("ContentType", "") for o in root.findall("Override")}


def add_override(data: bytes, part_name: str, content_type: str) -> bytes:
    part_name = "/" + part_name.lstrip("/")
    root = parse(data, name="[Content_Types].xml")
    for o in root.findall("Override"):
        if o.attrs.get("PartName", "").lower() == part_name.lower():
            if o.attrs.get("ContentType") == content_type:
                return data
            return splice(data, [(o.start, o.end, b"")] + _insert(data, root, part_name, content_type))
    return splice(data, _insert(data, root, part_name, content_type))


def _insert(data: bytes, root, part_name: str, content_type: str):
    new = f'<{root.prefix}Override PartName="{esc(part_name, True)}" ContentType="{esc(content_type, True)}"/>'
    if root.empty:
        return [(root.start, root.end, data[root.start:root.end - 2].rstrip() + b">" + new.encode()
                 + f"</{root.tag}>".encode())]
    return [(root.close, root.close, new.encode())]


def remove_override(data: bytes, part_name: str) -> bytes:
    part_name = "/" + part_name.lstrip("/")
    root = parse(data, name="[Content_Types].xml")
    return splice(data, [(o.start, o.end, b"") for o in root.findall("Override")
                         if o.attrs.get("PartName", "").lower() == part_name.lower()])


def defaults(data: bytes) -> dict[str, str]:
    root = parse(data, name="[Content_Types].xml")
    return {o.attrs.get("Extension", "").lower(): o.attrs.get("ContentType", "") for o in root.findall("Default")}


def content_type(data: bytes, part_name: str) -> str | None:
    """The content type of a part: its Override, else the Default of its extension."""
    pn = "/" + part_name.lstrip("/")
    ov = {k.lower(): v for k, v in overrides(data).items()}
    if pn.lower() in ov:
        return ov[pn.lower()]
    return defaults(data).get(pn.rsplit(".", 1)[-1].lower())
