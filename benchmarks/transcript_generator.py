"""ICANN-style English transcripts and their roster, generated for the benchmarks.

Each transcript has a three-line header with a distinct date per meeting, then
"FIRSTNAME LASTNAME: text" turns by about 20 roster people in 3 groups plus an occasional
unlisted speaker; names are written in capitals without accents, as transcripts do.
"""

from __future__ import annotations

import datetime
import random
import unicodedata

TRANSCRIPT_BYTES = 50 * 1024

GROUPS = {
    "board": "ICANN Board of Directors",
    "org": "ICANN organization (staff)",
    "alac": "At-Large Advisory Committee",
}
# (name as the roster writes it, group, role); transcripts write names in capitals
# without accents, so the engine has to match "ZOE FERRAND" to "Zoë Ferrand".
PEOPLE = [
    ("Matthew Harland", "board", "director (session chair)"),
    ("Cherine Ostrava", "board", "chair of the Board"),
    ("Christopher Wendt", "board", "vice-chair of the Board"),
    ("Avery Dorsett", "board", "director"),
    ("Rebecca Burrows", "board", "director"),
    ("León Sandoval", "board", "director"),
    ("Merike Kallas", "board", "director"),
    ("Göran Lindqvist", "org", "President and CEO"),
    ("Sally Castellan", "org", "SVP Global Stakeholder Engagement"),
    ("David Olive", "org", "staff"),
    ("Theresa Swinehart", "org", "staff"),
    ("Maureen Hilyard", "alac", "ALAC chair"),
    ("Zoë Ferrand", "alac", "member"),
    ("Javier Rúa-Jovet", "alac", "member"),
    ("Holly Raiche", "alac", "member"),
    ("Tijani Ben Jemaa", "alac", "member"),
    ("Alan Greenberg", "alac", "member"),
    ("Olivier Crépin", "alac", "liaison"),
    ("Sébastien Bachollet", "alac", "member"),
    ("Hadia Elminiawi", "alac", "member"),
]
UNLISTED = ["JONATHAN ZUCK", "PRIYA NAIDOO", "KENJI TANAKA"]
UNLISTED_RATE = 0.03

SUBJECTS = [
    "the community",
    "the Board",
    "our working group",
    "the policy process",
    "the budget committee",
    "the registrars",
    "the end users we represent",
    "the independent review",
    "the organization",
    "the public comment period",
]
OBJECTS = [
    "the strategic plan for the next five years",
    "the additional budget request for outreach",
    "the timeline for the second phase of the EPDP",
    "a clear list of priorities",
    "the accountability mechanisms",
    "the operating standards for specific reviews",
    "the fellowship and NextGen programmes",
    "the measurement of our effectiveness",
    "the implementation of the recommendations",
    "the data protection framework",
    "the translation of our documents",
    "the workload of volunteers",
]
STATEMENTS = [
    "I think {s} has spent a great deal of time on {o}.",
    "From our perspective {s} needs more clarity on {o}.",
    "We have discussed {o} at length, and {s} is not yet in agreement.",
    "It is fair to say that {s} sees {o} as a priority for this year.",
    "There were 38 hours of calls on {o} before this meeting.",
    "Thank you for that, it is a very useful point about {o}.",
    "Let me add one thing about {o}, because it matters to {s}.",
    "If {s} cannot rely on {o}, the trust in the model suffers.",
    "We heard from {s} in Barcelona that {o} was too slow.",
    "So this is where {s} would like to see progress on {o}.",
]
SUGGESTIONS = [
    "I suggest that {s} publishes {o} before the next meeting.",
    "I suggest we set up a small group to look at {o}.",
    "We will come back to {s} with a proposal on {o} before Marrakech.",
    "We will circulate a draft of {o} to {s} within two weeks.",
    "My recommendation is that {s} reviews {o} every year.",
]
QUESTIONS = [
    "Can {s} tell us how {o} will be measured?",
    "What is the timeline for {o}?",
    "Is there a plan for {o} that {s} can comment on?",
    "How does {s} expect to fund {o}?",
]
ANNOTATIONS = ["[laughter]", "[applause]", "(inaudible)", "(sic)"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FIRST_DAY = datetime.date(2016, 1, 4)


def roster_yaml() -> str:
    lines = ["meeting: generated joint sessions", "groups:"]
    lines += [f"  {slug}: {name}" for slug, name in GROUPS.items()]
    lines.append("people:")
    lines += [f"  - {{name: {name}, group: {group}, role: {role}}}" for name, group, role in PEOPLE]
    return "\n".join(lines) + "\n"


def label_of(name: str) -> str:
    """ "GORAN LINDQVIST" for "Göran Lindqvist": capitals without accents."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        template = rng.choice(SUGGESTIONS)
    elif roll < 0.22:
        template = rng.choice(QUESTIONS)
    else:
        template = rng.choice(STATEMENTS)
    text = template.format(s=rng.choice(SUBJECTS), o=rng.choice(OBJECTS))
    if rng.random() < 0.02:
        text += " " + rng.choice(ANNOTATIONS)
    return text[0].upper() + text[1:]


def generate(index: int, rng: random.Random, size: int = TRANSCRIPT_BYTES) -> tuple[str, int]:
    """One transcript of about ``size`` bytes and the number of turns it holds."""
    day = FIRST_DAY + datetime.timedelta(days=index)
    start = 8 + index % 9
    header = (
        f"Joint Session: Board and Group {index % 12 + 1}\n"
        f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year} – "
        f"{start:02d}:30 to {start + 1:02d}:30 JST\n"
        "ICANN64 | Kobe, Japan\n\n"
    )
    labels = [label_of(name) for name, _, _ in PEOPLE]
    parts, written, turns, previous = [header], len(header.encode()), 0, ""
    while written < size:
        speaker = previous
        while speaker == previous:  # a new label is a new turn, never the same voice twice
            speaker = rng.choice(UNLISTED) if rng.random() < UNLISTED_RATE else rng.choice(labels)
        previous = speaker
        paragraphs = [
            " ".join(sentence(rng) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.choices((1, 2, 3), weights=(6, 3, 1))[0])
        ]
        block = f"{speaker}: " + "\n\n".join(paragraphs) + "\n\n"
        parts.append(block)
        written += len(block.encode())
        turns += 1
    parts.append("[END OF TRANSCRIPTION]\n")
    return "".join(parts), turns
