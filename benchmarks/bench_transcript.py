"""Parse throughput of the transcript engine, against the target of 5 MB/s on one core.

Generates ICANN-style transcripts (Chinese and English: two-line and one-line labels,
">>" voices, annotations, "---" page breaks with the disclaimer footer), writes them to
a temporary folder, and times ``parse_file`` end to end: read, decode, parse, resolve
identities against a roster, measure, topics and candidates. Also times the Kobe
meeting when ../shared is beside the checkout. Run: .venv/bin/python
benchmarks/bench_transcript.py [--quick]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from commonweal.transcript import load_roster, parse_file

TARGET_MB_PER_S = 5.0
KOBE_TARGET_S = 0.1
REPO = Path(__file__).resolve().parents[1]
KOBE = REPO.parent / "shared" / "corpus" / "icann64-kobe"

ZH_SPEAKERS = [
    ("马修·希尔斯", "MATTHEW SHEARS"),
    ("丝黛芬妮·裴琳", "STEPHANIE PERRIN"),
    ("谢林·查拉比", "CHERINE CHALABY"),
    ("马跃然", "GORAN MARBY"),
    ("艾芙丽·多利亚", "AVRI DORIA"),
    ("艾尔莎·萨德", "ELSA SAADE"),
]
ZH_SENTENCES = [
    "我们开始第一个主题，好吗？",
    "我们已经提出额外预算请求，看看我们是否可以在欠服务地区实际进行一些外展。",
    "所以我认为应该制定一份非常清楚的列表，这是我的一项具体建议。",
    "对于如何定义这个术语而言，在我们利益相关方团体内部我们未必达成了一致意见。",
    "我们将吸纳一切好点子并以此推动工作。",
    "谢谢，谢林（原文如此）。",
    "这是 ICANN 和 NCSG 在 EPDP 方面的工作，我们需要衡量标准。",
]
EN_SPEAKERS = ["MATTHEW SHEARS", "STEPHANIE PERRIN", "CHERINE CHALABY", "GORAN MARBY", "AVRI DORIA"]
EN_SENTENCES = [
    "Let us move to the next topic, if that is all right with everyone.",
    "We have submitted an additional budget request for outreach in underserved regions.",
    "I suggest a very clear list of priorities the community can comment on.",
    "Measurement is key, and we spent 38 hours discussing a definition.",
    "We will come back to the community with the framework before Marrakech.",
    "Thank you, Cherine (sic). [laughter]",
]
ZH_HEADER = (
    "神户 — ICANN 董事会与 NCSG 联合会议\n"
    "2019 年 3 月 12 日（星期二）— 08:30 至 09:30 JST\n"
    "ICANN64 | 日本神户\n\n"
)
EN_HEADER = (
    "KOBE – ICANN Board and NCSG Joint Meeting\n"
    "Tuesday, March 12, 2019 – 08:30 to 09:30 JST\n"
    "ICANN64 | Kobe, Japan\n\n"
)
ZH_FOOTER = "---\n\n*注：本文是一份由音频文件转录而成的 Word/文本文档。*\n\n"
EN_FOOTER = (
    "---\n\n*Note: This is a transcript of an audio file. Although the transcription is "
    "largely accurate, it may be incomplete.*\n\n"
)


def generate(language: str, size: int, seed: int = 7) -> str:
    """A transcript of about ``size`` bytes in UTF-8."""
    rng = random.Random(seed)
    chinese = language == "zh"
    parts = [ZH_HEADER if chinese else EN_HEADER]
    written = 0
    while written < size:
        if chinese:
            name, latin = rng.choice(ZH_SPEAKERS)
            form = rng.random()
            if form < 0.2:
                label = f"{name}\n\n({latin}): "
            elif form < 0.6:
                label = f"{name}：\n\n"
            else:
                label = f"{name}: "
            sentences = ZH_SENTENCES
        else:
            label = f"{rng.choice(EN_SPEAKERS)}:    "
            sentences = EN_SENTENCES
        if rng.random() < 0.03:
            label = ">> "
        paragraphs = [
            ("" if chinese else " ").join(rng.choices(sentences, k=rng.randint(1, 6)))
            for _ in range(rng.randint(1, 4))
        ]
        block = label + "\n\n".join(paragraphs) + "\n\n"
        if rng.random() < 0.1:
            block += ZH_FOOTER if chinese else EN_FOOTER
        parts.append(block)
        written += len(block.encode())
    parts.append("[会议记录结束]\n" if chinese else "[END OF TRANSCRIPTION]\n")
    return "".join(parts)


def best_of(repeats: int, run) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    size = (2 if quick else 8) * 1024 * 1024
    repeats = 2 if quick else 3
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        roster_path = Path(folder) / "roster.csv"
        roster_path.write_text(
            "name,group,role\n"
            + "".join(
                f"{latin.title()},g{i % 3},member\n" for i, (_, latin) in enumerate(ZH_SPEAKERS)
            ),
            encoding="utf-8",
        )
        roster = load_roster(str(roster_path))
        print(f"transcript parse throughput (target >= {TARGET_MB_PER_S} MB/s on one core)")
        for language in ("zh", "en"):
            path = Path(folder) / f"generated.{language}.txt"
            path.write_text(generate(language, size), encoding="utf-8")
            megabytes = path.stat().st_size / 1024 / 1024
            seconds = best_of(repeats, lambda p=path: parse_file(str(p), roster))
            turns = len(parse_file(str(path), roster).turns)
            rate = megabytes / seconds
            verdict = "meets" if rate >= TARGET_MB_PER_S else "MISSES"
            ok &= rate >= TARGET_MB_PER_S
            print(
                f"  {language}: {megabytes:.1f} MB, {turns} turns in {seconds:.3f} s = "
                f"{rate:.1f} MB/s ({verdict} the target)"
            )
    transcript, kobe_roster = KOBE / "board-ncsg.zh.txt", KOBE / "roster.yaml"
    if transcript.exists():
        seconds = best_of(20, lambda: parse_file(str(transcript), str(kobe_roster)))
        verdict = "meets" if seconds < KOBE_TARGET_S else "MISSES"
        ok &= seconds < KOBE_TARGET_S
        print(
            f"  Kobe meeting with roster: {seconds * 1000:.1f} ms "
            f"({verdict} the {KOBE_TARGET_S * 1000:.0f} ms target)"
        )
    else:
        print(f"  Kobe meeting: skipped, {transcript} is absent")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
