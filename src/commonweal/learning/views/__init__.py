"""The learning center's pages: reading courses (``reading``), quizzes (``quizzes``) and
authoring (``authoring``). Each view parses input, checks permission, calls one service
and renders."""
