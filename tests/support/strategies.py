"""Hypothesis strategies for INI files rich in the corners where botocore surprises people."""

from __future__ import annotations

from hypothesis import strategies as st

NAMES = st.sampled_from(
    [
        *["default", "dev", "prod", "a b", "p", "Default", "x", "corp", "it's", "ü", "s3"],
        *["DEFAULT", '"dev"', "'dev'", "名前", "dev.1", "Dev"],
    ]
)

HEADERS = st.one_of(
    st.sampled_from(
        [
            "[default]",
            "[Default]",
            "[ default ]",
            "[DEFAULT]",
            "[profile default]",
            "[profile dev]",
            "[profile  dev]",
            "[profile\tdev]",
            "[profile dev ]",
            "[profile a b]",
            "[profile 'a b']",
            '[profile "my p"]',
            "[profile a\\ b]",
            "[profile it's]",
            "[profile]",
            "[profilefoo]",
            "[profilefoo bar]",
            "[profile-x]",
            "[sso-session corp]",
            "[sso-sessionX]",
            "[services local]",
            "[servicesfoo]",
            "[services]",
            "[preview]",
            "[plugins]",
            "[dev]",
            "[profile a]b]",
            "[default] # comment",
            "[",
            "[]",
            "[default",
            "[x = 1",
            "[Credentials]",
            "[Boto]",
            "[Profile dev]",
            "[PROFILE dev]",
            "[ profile dev]",
            "[profile 'dev']",
            "[profile dev] ; c",
            "[profile dev]]",
            "[sso-session 'corp']",
            "[sso-session  corp]",
            "[services  local]",
            '[services "local"]',
            "[profile dev # c]",
        ]
    ),
    NAMES.map(lambda n: f"[profile {n}]"),
    NAMES.map(lambda n: f"[{n}]"),
)

KEYS = st.sampled_from(
    [
        "region",
        "Region",
        "REGION",
        "output",
        "s3",
        "api_versions",
        "aws_access_key_id",
        "role_arn",
        "source_profile",
        "my key",
        "http",
        "a",
        "A",
        "",
        "sso_session",
        "ü",
        "services",
        "endpoint_url",
        "Source_Profile",
        "key\twith tab",
    ]
)

VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "us-east-1",
            "us-east-1 # prod",
            "x ; y",
            "//host = 1",
            '"quoted"',
            "%(x)s $HOME",
            "a\x00b",
            "true",
            "a:b",
            "=",
            "  padded  ",
            "\t",
            "dev",
            "'dev'",
            "dev ; c",
            "dev\t# c",
            "http://localhost:4566",
            "名前",
        ]
    ),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",), blacklist_characters="\r\n", max_codepoint=0x2030
        ),
        max_size=12,
    ),
)

INDENTS = st.sampled_from(["", " ", "  ", "\t", "    ", " \t"])

COMMENTS = st.sampled_from(["# c", "; c", "  # indented", "\t; tab", "#", ";"])

JUNK = st.sampled_from(["foo", "just words", "]", "  stray", "\x0c", "\x1c", "\u2028x", "\ufeff"])


@st.composite
def entry_lines(draw: st.DrawFn) -> list[str]:
    key = draw(KEYS)
    delim = draw(st.sampled_from([" = ", "=", ": ", " :", " =  "]))
    lines = [draw(INDENTS if draw(st.booleans()) else st.just("")) + key + delim + draw(VALUES)]
    if draw(st.integers(0, 3)) == 0:
        # a nested block: empty value, then indented sub-lines
        lines[0] = key + " ="
        for _ in range(draw(st.integers(0, 3))):
            sub = draw(
                st.sampled_from(
                    [
                        "addressing_style = path",
                        "a=1",
                        "A = 2",
                        "= x",
                        "b =",
                        "c : d",
                        "no equals",
                        "",
                        "# c",
                        "x = 1 # c",
                        "z = 3",
                        "y=4",
                        "endpoint_url = http://localhost:4566",
                        "x = 1 ; c",
                        "ü = v",
                        "a = 1",
                        "\ta = 2",
                    ]
                )
            )
            lines.append(draw(INDENTS.filter(bool)) + sub)
    else:
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(INDENTS.filter(bool)) + draw(st.one_of(VALUES, HEADERS, KEYS)))
    return lines


@st.composite
def ini_lines(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    if draw(st.integers(0, 7)):  # most real files start with a header
        lines.append(draw(st.sampled_from(["[default]", "[profile dev]", "[DEFAULT]", "[x]"])))
    for _ in range(draw(st.integers(0, 8))):
        choice = draw(st.integers(0, 12))
        if choice <= 2:
            lines.append(draw(INDENTS if choice == 0 else st.just("")) + draw(HEADERS))
        elif choice <= 9:
            lines.extend(draw(entry_lines()))
        elif choice == 10:
            lines.append(draw(COMMENTS))
        elif choice == 11:
            lines.append(draw(st.sampled_from(["", "   ", "\t"])))
        else:
            lines.append(draw(JUNK))
    return lines


@st.composite
def ini_bytes(draw: st.DrawFn) -> bytes:
    """A whole file: lines joined with mixed endings, sometimes with a BOM or bad bytes."""
    lines = draw(ini_lines())
    out = []
    for line in lines:
        out.append(line + draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])))
    text = "".join(out)
    if lines and draw(st.booleans()):
        text = text.rstrip("\r\n")  # no trailing newline
    data = text.encode("utf-8", errors="surrogatepass")
    trouble = draw(st.integers(0, 20))
    if trouble == 0:
        data = b"\xef\xbb\xbf" + data
    elif trouble == 1 and data:
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at] + draw(st.sampled_from([b"\xe9", b"\xff\xfe", b"\xc3", b"\x80"])) + data[at:]
        )
    return data
