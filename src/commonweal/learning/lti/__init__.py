"""LTI 1.3: a course of the learning center launched from another learning system.

The platform (a university's Moodle, Canvas, ...) starts an OpenID Connect login at
``/learn/lti/login/``, its browser comes back to ``/learn/lti/launch/`` with a signed
id_token, and the learner lands on the course signed in as the account linked to their
(issuer, subject). pylti1p3 checks the token; this package stores the platforms, the
tool's key and the links to accounts, and turns a valid launch into a signed-in page.
"""
