#!/usr/bin/python3
"""One string-literal style in the C++ of the tree.

usage: check_literals.py SOURCE_DIR
       check_literals.py --self-test   (plants each old spelling in a scratch file: each must
                                        be reported, and the house style must not)

In a .cpp (which says `using namespace Qt::StringLiterals;`): u"..."_s for a QString, "..."_ba
for a QByteArray, "..."_L1 for a Latin-1 view. Reported: QStringLiteral("..."), the deprecated
"..."_qs, QLatin1String("...") and QLatin1StringView("..."). A header keeps QStringLiteral, since
it must not pull the literal namespace into every includer; QStringLiteral(MACRO) of a build
definition such as VIGIL_VERSION is fine anywhere, a macro cannot take a suffix.
Prints file:line and the spelling to use; exits 1 if any.
"""

import os
import re
import sys
import tempfile

FOLDERS = ("shared", "server", "bridge", "sensor-agent", "dashboard", "tests", "bench")
RULES = [
    (re.compile(r'\bQStringLiteral\(\s*"'), 'QStringLiteral("...") in a .cpp: write u"..."_s'),
    (re.compile(r'"_qs\b'), '"..."_qs is deprecated since Qt 6.8: write u"..."_s'),
    (re.compile(r'\bQLatin1String(?:View)?\(\s*"'), 'QLatin1String[View]("..."): write "..."_L1'),
]


def violations_in(path, relative):
    found = []
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            for pattern, advice in RULES:
                if pattern.search(line):
                    found.append(f"{relative}:{number}: {advice}")
    return found


def violations(source_dir):
    found = []
    for folder in FOLDERS:
        for root, dirs, files in os.walk(os.path.join(source_dir, folder)):
            dirs[:] = sorted(d for d in dirs if d != "node_modules" and not d.startswith("build"))
            for name in sorted(files):
                if name.endswith(".cpp"):
                    path = os.path.join(root, name)
                    found += violations_in(path, os.path.relpath(path, source_dir))
    return found


def self_test():
    planted = [
        'const auto a = QStringLiteral("old");',
        'const auto b = "older"_qs;',
        'const auto c = QLatin1String("latin");',
        'const auto d = QLatin1StringView("view");',
    ]
    clean = [
        'const auto e = u"house"_s;',
        'const auto f = "bytes"_ba;',
        'const auto g = "latin"_L1;',
        'const auto h = QStringLiteral(VIGIL_VERSION);',
    ]
    with tempfile.TemporaryDirectory() as scratch:
        os.makedirs(os.path.join(scratch, "server"))
        with open(os.path.join(scratch, "server", "planted.cpp"), "w", encoding="utf-8") as out:
            out.write("\n".join(planted + clean) + "\n")
        found = violations(scratch)
    lines = [int(line.split(":")[1]) for line in found]
    if lines != list(range(1, len(planted) + 1)):
        print(f"self-test: expected lines 1-{len(planted)} reported, got {found}")
        return 1
    print("self-test: each old spelling is reported, the house style is not")
    return 0


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2])
        return 2
    found = violations(argv[0])
    for line in found:
        print(line)
    print(f"{len(found)} literals in another style")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
