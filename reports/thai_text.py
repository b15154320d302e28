"""Thai line-breaking: mark the boundaries between Thai words with U+200B ZERO WIDTH SPACE.

Thai is written without spaces between words, so a PDF line wrapper that breaks only at spaces either overflows
or cuts a word in the middle of a syllable. fpdf2 treats U+200B as a break opportunity (``fpdf/line_break.py``),
so inserting it between words lets lines break where a Thai reader expects.

Words come from the newmm tokenizer (dictionary maximal matching constrained by Thai Character Clusters,
Chormai et al.; the PyThaiNLP algorithm and word list as packaged standalone in ``newmm-tokenizer``, 1.5 MB,
Apache-2.0) instead of the full PyThaiNLP wheel (68 MB installed).
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

ZWSP = "\u200b"

_THAI = re.compile("[\u0e01-\u0e5b]")
_THAI_WORD = re.compile("^[\u0e01-\u0e5b]+$")
# Characters that cannot begin a syllable: following vowels, above/below vowels, tone marks, thanthakhat,
# mai yamok, paiyannoi. A break before them would separate a mark from its base consonant.
_NO_BREAK_BEFORE = set("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                       "\u0e45\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e\u0e46\u0e2f")
THANTHAKHAT = "\u0e4c"

# Domain words missing from the general word list; without them the tokenizer splits e.g. ฟุตพริ้นท์ into
# ฟุต|พ|ริ้น|ท์ and a line could break before the silent ท์.
DOMAIN_WORDS = (
    "คาร์บอนฟุตพริ้นท์", "ฟุตพริ้นท์", "ก๊าซเรือนกระจก", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล",
    "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เมืองต้นแบบ", "เมืองขยายผล", "ปีฐาน",
    "ค่าการปล่อย", "สารทำความเย็น", "ระบบสายส่ง", "ฝังกลบ", "เทกอง", "น้ำเสีย", "ข้อมูลสาธิต",
)

_lock = threading.Lock()
_trie = None


def _dictionary():
    """The newmm word trie with the domain words added (built once: loading takes ~0.7 s)."""
    global _trie
    with _lock:
        if _trie is None:
            from newmm_tokenizer.newmm import DEFAULT_WORD_DICT_TRIE

            for word in DOMAIN_WORDS:
                DEFAULT_WORD_DICT_TRIE.add(word)
            _trie = DEFAULT_WORD_DICT_TRIE
        return _trie


def segment(text: str) -> list[str]:
    """Split ``text`` into tokens (Thai words, Latin words, numbers, spaces) with the newmm algorithm."""
    if not text:
        return []
    from newmm_tokenizer.newmm import segment as newmm_segment

    return list(newmm_segment(text, _dictionary()))


def _breakable(prev: str, tok: str) -> bool:
    if not (_THAI_WORD.match(prev) and _THAI_WORD.match(tok)):
        return False
    if tok[0] in _NO_BREAK_BEFORE:
        return False
    # a lone consonant with thanthakhat (e.g. "ท์") is the silent tail of the previous word
    if tok.endswith(THANTHAKHAT) and len(tok) <= 3:
        return False
    return True


@lru_cache(maxsize=8192)
def break_thai(text: str) -> str:
    """``text`` with U+200B inserted between adjacent Thai words (text without Thai is returned unchanged)."""
    if not text or not _THAI.search(text):
        return text
    tokens = segment(text.replace(ZWSP, ""))
    out = [tokens[0]]
    for prev, tok in zip(tokens, tokens[1:]):
        if _breakable(prev, tok):
            out.append(ZWSP)
        out.append(tok)
    return "".join(out)


def strip_breaks(text: str) -> str:
    """``text`` without the U+200B marks added by :func:`break_thai`."""
    return text.replace(ZWSP, "")
