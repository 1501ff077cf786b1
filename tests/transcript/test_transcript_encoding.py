"""Decoding untrusted bytes and detecting the language."""

import pytest

from commonweal.transcript import TranscriptError
from commonweal.transcript.encoding import decode, detect_language

SAMPLE = "马修·希尔斯： 大家上午好。我是马修·希尔斯，来自 ICANN 董事会。\n"


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 with BOM", "utf-16-le", "utf-16-be", "gb18030"],
)
def test_every_supported_encoding_decodes_to_the_same_text(encoded):
    assert decode(encoded, "t.txt") == SAMPLE


def test_windows_line_ends_become_newlines():
    assert decode(b"A: one\r\nB: two\r\n", "t.txt") == "A: one\nB: two\n"


def test_broken_utf8_names_the_line_of_the_bad_byte():
    data = SAMPLE.encode() + b"second line\n\xff\xfe broken\n"
    with pytest.raises(TranscriptError) as error:
        decode(data, "t.txt")
    assert str(error.value).startswith("t.txt:3: broken UTF-8")


def test_binary_data_is_refused():
    with pytest.raises(TranscriptError, match="binary"):
        decode(bytes(range(256)) * 20, "junk.txt")


def test_an_empty_or_blank_file_is_refused():
    with pytest.raises(TranscriptError, match="empty"):
        decode(b"  \n\n", "empty.txt")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我们开始第一个主题，好吗？我们非常想提出这个主题。", "zh"),
        ("We will start with the first topic, and we have a question for the Board.", "en"),
        ("Nous allons commencer par le premier sujet et nous avons une question pour vous.", "fr"),
        ("Vamos a empezar con el primer tema y tenemos una pregunta para la junta.", "es"),
        ("Мы начнем с первой темы, и у нас есть вопрос к совету.", "ru"),
        ("سنبدأ بالموضوع الأول ولدينا سؤال لمجلس الإدارة.", "ar"),
    ],
)
def test_the_language_is_detected_from_scripts_and_frequent_words(text, language):
    assert detect_language(text) == language
