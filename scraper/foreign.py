"""Recognise pages that look like command references but are not Huawei VRP.

H3C/HPE Comware references describe one command per page too, but with their own
headings (``Syntax``, ``View``, ``Default level``, ``Predefined user roles``,
``Parameters`` as a ``name: description`` list) and their own notation. Reading them
as VRP would give wrong records, so they are rejected with the reason.
"""

from __future__ import annotations

import re

_COMWARE_HEADINGS = ("Syntax", "View", "Default level", "Predefined user roles", "Related commands")
_USE_SENTENCE = re.compile(r"^Use\s+(?:undo\s+)?\S.*?\s+to\s+\S")


def comware_reason(lines: list[str]) -> str | None:
    """Why the page is a Comware page, or None when it does not look like one."""
    present = {line.strip() for line in lines}
    found = [h for h in _COMWARE_HEADINGS if h in present]
    if "Format" in present:
        return None
    if "Syntax" in found and len(found) >= 2:
        return (
            f"H3C/HPE Comware page (headings {', '.join(found)}; no Format section): "
            "Comware uses a different notation, this scraper reads Huawei VRP pages only"
        )
    uses = sum(1 for line in lines if _USE_SENTENCE.match(line.strip()))
    if uses and "Syntax" in found:
        return (
            "H3C/HPE Comware page ('Use ... to ...' function lines and a Syntax heading): "
            "Comware uses a different notation, this scraper reads Huawei VRP pages only"
        )
    return None
