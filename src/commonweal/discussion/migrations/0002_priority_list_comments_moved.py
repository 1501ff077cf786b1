"""The comments on whole priority lists move from rounds.Comment into discussions.

Each keeps its author, text, time and hidden state. A comment hidden there has a
Moderation with no moderator, time or reason: none was recorded then, and the page says
so. rounds.Comment itself stays until the rounds app removes it; the migration that
does so must depend on this one.
"""

from django.db import migrations


def priority_list_comments_move(apps, schema_editor):
    OldComment = apps.get_model("rounds", "Comment")
    Comment = apps.get_model("discussion", "Comment")
    Moderation = apps.get_model("discussion", "Moderation")
    for old in OldComment.objects.order_by("created_at", "pk").iterator():
        moved = Comment.objects.create(
            round_id=old.round_id,
            author_id=old.author_id,
            text=old.text,
            created_at=old.created_at,
        )
        if old.hidden:
            Moderation.objects.create(comment=moved, hidden_by=None, hidden_at=None, reason="")


def priority_list_comments_unmove(apps, schema_editor):
    """Going back removes the copies: the originals are still in rounds.Comment."""
    OldComment = apps.get_model("rounds", "Comment")
    Comment = apps.get_model("discussion", "Comment")
    for old in OldComment.objects.iterator():
        Comment.objects.filter(
            round_id=old.round_id,
            parent__isnull=True,
            author_id=old.author_id,
            text=old.text,
            created_at=old.created_at,
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_comments_moderation_appeals"),
        ("rounds", "0003_void_receipts_and_close_note"),
    ]

    operations = [
        migrations.RunPython(priority_list_comments_move, priority_list_comments_unmove),
    ]
