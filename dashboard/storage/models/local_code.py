from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base

#: The longest local code kept (``quotable_local_code`` shows none longer).
LOCAL_CODE_MAX = 80


class LocalCodeMapping(Base):
    """One of an LA's own codes in one Annex A list's column, mapped to a DfE code.

    Framework para 248 lets an LA use its own codes if it explains them; the mapping is
    that explanation. It is applied to the LA's uploads from then on, and who set it and
    when is kept (the audit trail records each change). The local code is kept in the
    normalised form the checks compare (``value``) and as the file had it (``label``).
    """

    __tablename__ = "local_code_mappings"
    __table_args__ = (
        UniqueConstraint("la_code", "list_key", "column_key", "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    list_key: Mapped[str] = mapped_column(String(30))
    column_key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(LOCAL_CODE_MAX))
    label: Mapped[str] = mapped_column(String(LOCAL_CODE_MAX))
    dfe_code: Mapped[str] = mapped_column(String(10))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
