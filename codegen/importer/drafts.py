"""Deterministic first guesses for what a vendor's page does not state: a member name, a kind,
a group id. Every guess is marked `review:` in the catalog until a person has checked it.

Names follow the README's naming rule (subject first, condition last, no abbreviations, no
kind words, no `_ERROR` ending). A name never says the opposite of its text: a negation is kept
(`_NOT_PASSED`, `_INSUFFICIENT`, `_NOT_FOUND`) or the name is left `CODE_<code>`. A text that
is not English gets `CODE_<code>` too, until a person names it.
"""

from __future__ import annotations

import builtins
import keyword
import re

from codegen.schema.kinds import KINDS, STATUS_KINDS
from codegen.schema.names import CONDITIONS as NAME_CONDITIONS
from codegen.schema.names import (
    KIND_EXCEPTIONS,
    RESERVED_CLASSES,
    SECRETS,
    WORDS,
    default_exception_name,
)

# First match wins: (kind, pattern over the lowercased text).
TEXT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "resource_exhausted",
            r"too frequent|frequently|throttl|rate limit|\bquota\b|concurren" r"|频繁|配额|限流",
        ),
        (
            "unavailable",
            r"\bbusy\b|try again later|retry later|\bunavailable\b|time(?:d)? ?out"
            r"|繁忙|稍后重试|稍后再试|超时",
        ),
        (
            "unauthenticated",
            r"token\b.*\b(?:expired?|invalid)|(?:expired?|invalid)\b.*\btoken"
            r"|not logged in|log ?in again|authenticat|\bsignature\b|\bsign invalid"
            r"|(?:incorrect|wrong) password|password (?:is )?(?:incorrect|wrong)|\blocked\b"
            r"|未登录|登录|令牌|签名|密码错误",
        ),
        (
            "permission_denied",
            r"permission|not authori[sz]ed|unauthori[sz]ed|forbidden"
            r"|not allowed|\bdenied\b|\bdeny\b|权限|禁止|不允许",
        ),
        (
            "not_found",
            r"not exists?\b|does ?n[o']t exist|not found|cannot be found|could not find"
            r"|no such|不存在|找不到|未找到",
        ),
        (
            "already_exists",
            r"already|\bis exist|\bexists\b|duplicate|has been (?:bound|used)"
            r"|已存在|已经|重复|占用",
        ),
        (
            "out_of_range",
            r"exceed|too (?:long|large|many|big|short|small)|more than|less than"
            r"|greater than|out of range|过长|过大|过短|过小|超过|超出",
        ),
        ("unimplemented", r"not implemented|未实现"),
        (
            "invalid_argument",
            r"invalid|illegal|incorrect|\bwrong\b|\bempty\b|\bnull\b|missing"
            r"|required|\bformat\b|\bmust\b|not support|unsupported|mismatch|does not match"
            r"|错误|非法|格式|为空|不能|不支持|不匹配",
        ),
        ("failed_precondition", r"expired?|inactive|not active|disabled|过期"),
        ("internal", r"fail|\berror\b|unable|cannot|unexpected|exception|失败|异常"),
    )
)
assert {kind for kind, _ in TEXT_KINDS} <= {kind.id for kind in KINDS}

# Conditions, tried in order on the text's first clause: (pattern, the name's last words).
CONDITIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (
            r"\b(?:does not|do not|did not) have enough\b|\b(?:is |are )?not enough\b"
            r"|\binsufficient\b|\bnot sufficient\b",
            "INSUFFICIENT",
        ),
        (
            r"\b(?:is |are |was |were |has |have )?not (?:been )?(?:passed|pass)\b"
            r"|\bfailed to pass\b|\bdid not pass\b",
            "NOT_PASSED",
        ),
        (
            r"\b(?:does not|do not|doesn't|dosen't|is not|not|non) ?exists?\b|\bnot found\b"
            r"|\bcannot be found\b|\bcould not find\b|\bno such\b",
            "NOT_FOUND",
        ),
        (
            r"\b(?:used up|reached the maximum|reached the upper limit|limit reached"
            r"|has reached|is full)\b",
            "LIMIT_REACHED",
        ),
        (
            r"\balready (?:been )?(?:exists?|used|bound|registered|taken)\b|\bis exist\b"
            r"|\bexists\b|\bduplicate\b|\bhas (?:been )?(?:bound|bind|used|taken)\b|\balready\b",
            "ALREADY_EXISTS",
        ),
        (r"\bnot logged in\b", "NOT_LOGGED_IN"),
        (r"\btoo frequent(?:ly)?\b|\bfrequent\b", "TOO_FREQUENT"),
        (r"\b(?:has |have |is |are )?expired?\b", "EXPIRED"),
        (r"\b(?:not allowed|cannot be (?:deleted|modified|changed|removed))\b", "NOT_ALLOWED"),
        (
            r"\b(?:no permission|not authori[sz]ed|permission den(?:ied|y)|forbidden|denied"
            r"|not permitted|does not have (?:the required )?permissions?)\b",
            "DENIED",
        ),
        (
            r"\b(?:cannot|should not|must not|can ?not) be (?:empty|null|blank|left blank)\b"
            r"|\b(?:is |are )?(?:empty|null|blank)\b|\bmissing\b|\bnot specified\b"
            r"|\b(?:is |are )?required\b|\bplease provide\b|\bincomplete\b",
            "MISSING",
        ),
        (r"\bnot support(?:ed)?\b|\bunsupported\b", "NOT_SUPPORTED"),
        (r"\b(?:is |are |has been )?locked\b", "LOCKED"),
        (r"\b(?:is |are )?(?:disabled|inactive|not active)\b", "DISABLED"),
        (r"\bbusy\b", "BUSY"),
        (
            r"\b(?:exceeds?|exceeded|too (?:long|large|many|big)|more than|over limit"
            r"|cannot exceed|upper limit|maximum)\b",
            "OVER_LIMIT",
        ),
        (r"\b(?:does not match|do not match|not match|mismatch(?:ed)?)\b", "MISMATCH"),
        (r"\b(?:incorrect|wrong|is not correct)\b", "INCORRECT"),
        (r"\b(?:invalid|illegal|not valid|malformed|bad|not standardized)\b", "INVALID"),
        (r"\b(?:failed|failure|fails?|unable to|cannot|could not|can't|error|errors)\b", "FAILED"),
    )
)

STOP_WORDS = frozenset(
    "a an the is are was were be been being has have had do does did this that these those "
    "of to for in on at by with from as into please your you yet it its there their they "
    "them should must can could would will may might shall not no any only which when while "
    "so such some same than then too very there's please try again later and or but if "
    "provided specified given current currently need needs required".split()
)
# Words a drafted name drops: a kind says them already, or they say nothing.
DROPPED_WORDS = frozenset(
    "UNAVAILABLE UNAUTHENTICATED UNIMPLEMENTED INTERNAL UNKNOWN ABORTED EXHAUSTED ERROR ERRORS".split()
)
MAX_SUBJECT_WORDS = 4
# Guesses read a text's start only: enough for any message, and a page's hostile cell of a
# million characters costs the patterns above no more than an ordinary one.
MAX_GUESS_TEXT = 500
_NON_LATIN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def language(texts: list[str]) -> str:
    """`en`, `zh-CN`, `ja` or `ko`: the script most of these texts are written in."""
    counts = {"zh-CN": 0, "ja": 0, "ko": 0, "en": 0}
    for text in texts:
        if re.search(r"[\u3040-\u30ff]", text):
            counts["ja"] += 1
        elif re.search(r"[\uac00-\ud7af]", text):
            counts["ko"] += 1
        elif _NON_LATIN.search(text):
            counts["zh-CN"] += 1
        else:
            counts["en"] += 1
    return max(counts, key=lambda tag: (counts[tag], tag == "en"))


def is_english(text: str) -> bool:
    return _NON_LATIN.search(text) is None and any(
        char.isascii() and char.isalpha() for char in text
    )


def guess_kind(text: str, http_status: int | None) -> str:
    """The kind the documented HTTP status implies, else (or for a bare 400) the text's."""
    text = text[:MAX_GUESS_TEXT]
    if http_status is not None and http_status != 400:
        if http_status in STATUS_KINDS:
            return STATUS_KINDS[http_status]
        return "invalid_argument" if 400 <= http_status < 500 else "internal"
    lowered = text.lower()
    for kind, pattern in TEXT_KINDS:
        if pattern.search(lowered):
            return kind
    return "invalid_argument" if http_status == 400 else "unknown"


def code_name(code: object) -> str:
    """`CODE_1001`, `CODE_IAM_0007`: the name of a code no person has named yet."""
    text = re.sub(r"[^A-Za-z0-9]+", "_", str(code)).strip("_").upper()
    return f"CODE_{text or 'X'}"


def _words(text: str) -> list[str]:
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text.replace("’", "'"))
    text = re.sub(r"'s\b", "", text.lower()).replace("n't", " not")
    return re.findall(r"[a-z0-9]+", text)


def _first_clause(text: str) -> str:
    clause = re.split(r"[,;:!?()\[\]，；：。！？]|\.(?:\s|$)| - ", text, maxsplit=1)[0]
    return clause if len(_words(clause)) >= 2 else text


def apply_naming_rule(words: list[str]) -> list[str]:
    """The mechanical parts of the naming rule (codegen.schema.names), on upper-case words."""
    result = [WORDS.get(word, word) for word in words]
    result = [word for word in result if word not in DROPPED_WORDS] or ["REQUEST"]
    while len(result) > 1 and result[0] in NAME_CONDITIONS:
        result.append(result.pop(0))
    if "INCORRECT" in result and not SECRETS & set(result):
        result = ["INVALID" if word == "INCORRECT" else word for word in result]
    if not result[0][0].isalpha():
        result.insert(0, "CODE")
    deduped: list[str] = []
    for word in result:
        if not deduped or deduped[-1] != word:
            deduped.append(word)
    return deduped


# Words that turn a text's meaning around: a name must keep them (the conditions above carry
# them: NOT_FOUND, INSUFFICIENT, NOT_PASSED...) or not be drafted at all.
NEGATIONS = frozenset("not no never without nor neither cannot".split())
# A negation inside a rule's wording (`must not exceed`): the condition says what went wrong.
RULE_NEGATIONS = re.compile(r"\b(?:must|should|may|shall|can) not\b|\bcannot\b")


def english_name(text: str) -> str | None:
    """A member name from an English message: subject first, condition last; None when the
    text says "not" in a way no drafted name would keep (a person names it)."""
    clause = _first_clause(text[:MAX_GUESS_TEXT]).lower().replace("’", "'")
    condition = ""
    for pattern, ending in CONDITIONS:
        match = pattern.search(clause)
        if match:
            condition = ending
            clause = clause[: match.start()] + " " + clause[match.end() :]
            break
    words = _words(RULE_NEGATIONS.sub(" ", clause) if condition else clause)
    negated = [index for index, word in enumerate(words) if word in NEGATIONS]
    if negated:
        if condition or len(negated) > 1 or words[negated[0]] != "not":
            return None
        after = negated[0] + 1
        while after < len(words) and words[after] in ("be", "been", "being", "yet"):
            after += 1
        if after == len(words) or words[after] in STOP_WORDS or not words[after].isalpha():
            return None
        condition = f"NOT_{words[after].upper()}"  # "user not verified": USER_NOT_VERIFIED
        clause = " ".join(words[: negated[0]] + words[after + 1 :])
    subject = [w for w in _words(clause) if w not in STOP_WORDS and not w.isdigit()]
    subject = subject[:MAX_SUBJECT_WORDS]
    words = [word.upper() for word in subject] + (condition.split("_") if condition else [])
    if condition and not subject:
        words = ["REQUEST", *words]
    return "_".join(apply_naming_rule(words))


def guess_name(text: str, code: object, taken_names: set[str], taken_classes: set[str]) -> str:
    """A unique member name whose exception class shadows nothing."""
    base = (english_name(text) if is_english(text) else None) or code_name(code)
    suffix = re.sub(r"[^A-Za-z0-9]+", "_", str(code)).strip("_").upper()
    for candidate in (base, f"{base}_{suffix}", code_name(code)):
        cls = default_exception_name(candidate)
        if (
            candidate not in taken_names
            and not keyword.iskeyword(candidate)
            and cls not in taken_classes
            and not hasattr(builtins, cls)
        ):
            return candidate
    index = 2
    while f"{code_name(code)}_{index}" in taken_names:
        index += 1
    return f"{code_name(code)}_{index}"


class Namer:
    """Member and class names already taken in one catalog: each name it guesses is taken too,
    with the exception class named after it."""

    def __init__(self, names: set[str], classes: set[str]) -> None:
        self.names = names
        self.classes = classes

    @classmethod
    def for_prefix(cls, prefix: str) -> Namer:
        """A catalog's namer before any code: the names the generated modules keep for
        themselves, and the vendor's own error and code classes, are taken."""
        return cls(set(), {*RESERVED_CLASSES, *KIND_EXCEPTIONS, f"{prefix}Error", f"{prefix}Code"})

    def take(self, text: str, code: object) -> str:
        name = guess_name(text, code, self.names, self.classes)
        self.names.add(name)
        self.classes.add(default_exception_name(name))
        return name


GROUP_STOP_WORDS = frozenset("error errors code codes list table the and of for".split())


def group_ids(headings: list[str]) -> list[str]:
    """A lowercase id for each section heading: its first word that the headings do not all
    share (`System Errors`, `User Errors` -> system, user; `mt-access` -> access)."""
    split = [[w for w in _words(h) if w not in GROUP_STOP_WORDS] for h in headings]
    common = set.intersection(*(set(words) for words in split)) if len(split) > 1 else set()
    ids: list[str] = []
    for number, words in enumerate(split, 1):
        own = [word for word in words if word not in common] or words
        candidate = next((w for w in own if w[0].isalpha()), None)
        for extra in own[1:]:
            if candidate not in ids:
                break
            candidate = f"{candidate}_{extra}"
        if candidate is None or candidate in ids or keyword.iskeyword(candidate):
            candidate = f"group_{number}"
        ids.append(candidate)
    return ids
