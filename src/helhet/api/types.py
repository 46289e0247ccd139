"""Parameter types shared by the routers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# Database keys are 64-bit: a larger number is not a key at all, and some drivers (SQLite)
# cannot even bind it, so it is refused as invalid input (422) before any query.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]
