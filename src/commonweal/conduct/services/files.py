"""A case's files: how many and how large, stored encrypted under the case key, and
removed again when the transaction that stored them fails.

Files are encrypted before they touch the disk (the views keep uploads in memory), stored
as ``conduct/<random>.bin``; their names are encrypted too. The reporter attaches them to
the report and to their messages, the ombudsman to a reply.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from commonweal.conduct import crypto
from commonweal.conduct.models import Attachment, Case, Message

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5


def files_check(files: list) -> None:
    """Refuse more than ``MAX_FILES`` files, or one over ``MAX_FILE_BYTES``."""
    if len(files) > MAX_FILES:
        raise ValidationError(_("Attach at most %(count)d files at a time.") % {"count": MAX_FILES})
    for upload in files:
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("Each file may be at most %(mb)d MB; one is larger.")
                % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
            )


@contextlib.contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """The names of the files written inside the block; deleted if the block fails, so a
    refused report leaves no file behind its rolled-back rows."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


@sensitive_variables()
def files_store(
    *, case: Case, key: bytes, message: Message | None, files: Iterable, stored: list[str]
) -> None:
    for upload in files:
        data = b"".join(upload.chunks())
        attachment = Attachment(
            case=case,
            message=message,
            name_box=crypto.encrypt(key, upload.name or "file"),
            size=len(data),
        )
        attachment.file.save("file.bin", ContentFile(crypto.encrypt(key, data)), save=False)
        stored.append(attachment.file.name)
        attachment.save()
