from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.storage.models.base import Base


class SefDocument(Base):
    """An LA's self-evaluation (paras 29-38): one living document with numbered versions.

    ``head_number`` is the number of the latest version. A save names the version it
    was based on and succeeds only if that is still the head (optimistic locking), so
    two people editing at once never silently overwrite each other.
    """

    __tablename__ = "sef_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), unique=True)
    head_number: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SefVersion(Base):
    """One saved state of a SEF, as it was: the content (with its linked figures frozen),
    who saved it and when. Never changed or deleted: the database refuses (migration 0004),
    except that a confirmed purge may replace its words with a tombstone (migration 0008).
    """

    __tablename__ = "sef_versions"
    __table_args__ = (UniqueConstraint("sef_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sef_id: Mapped[int] = mapped_column(ForeignKey("sef_documents.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: How many possible child identifiers the person saving was shown and saved anyway
    #: (0: none found, or none new), and why they said these are not a child's details.
    identifier_warnings: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    identifier_override_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class SefShare(Base):
    """A version the LA shared with Ofsted: from then on the region's inspectors see it.

    Also never changed or deleted. A refreshed SEF (para 35) is a later share.
    """

    __tablename__ = "sef_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("sef_versions.id"), unique=True)
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    shared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: The person sharing saw possible child identifiers and chose to share anyway.
    identifier_warnings_overridden: Mapped[int] = mapped_column(Integer, default=0)


class SefPurge(Base):
    """The removal of one version's words (issue 15), or a request for it.

    An LA user's purge of an unshared version is done at once (status "purged"). A
    shared version's purge is asked for ("requested") and an administrator confirms
    ("purged") or declines it ("declined"). Rows are never deleted, and only a request
    may be decided, once (migration 0008). ``reason`` never holds the words removed.
    """

    __tablename__ = "sef_purges"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("sef_versions.id"), index=True)
    la_code: Mapped[str] = mapped_column(ForeignKey("local_authorities.la_code"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    was_shared: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
