"""Who may do what in discussions.

Anyone may read a thread; signed-in people may comment (as on the priority list
before); the author edits, deletes and appeals their own comment; moderators (the
secretariat) hide; the ombudsman decides appeals. What depends on time or state (the
edit window, a thread not open yet, an appeal already filed) is refused by the services
with a sentence that says why, rather than by a bare "not allowed".
"""

import rules

from commonweal.core.roles import is_ombudsman, is_staff_of_platform


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and comment.author_id is not None and comment.author_id == user.pk


rules.add_perm("discussion.comment", rules.is_authenticated)
rules.add_perm("discussion.change_own_comment", rules.is_authenticated & is_comment_author)
rules.add_perm("discussion.appeal", rules.is_authenticated & is_comment_author)
rules.add_perm("discussion.moderate", is_staff_of_platform)
rules.add_perm("discussion.decide_appeal", is_ombudsman)
