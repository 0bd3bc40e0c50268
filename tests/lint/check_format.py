#!/usr/bin/python3
"""The C++ of the tree formatted as .clang-format says, checked with clang-format itself.

usage: check_format.py CLANG_FORMAT SOURCE_DIR
       check_format.py --self-test CLANG_FORMAT SOURCE_DIR
                                    (a scratch copy of .clang-format and one badly formatted
                                     file: the check must report it)

Every .h and .cpp under the product folders, tests/ and bench/ goes through
`clang-format --dry-run --Werror`; build folders and node_modules are not read. Prints one line
per file that is not formatted, with clang-format's first complaint, and the command that fixes
it; exits 1 if any. The tree is formatted with clang-format 14 (Debian 12): other versions
break some lines differently, which is why only the default preset runs this test.
"""

import os
import shutil
import subprocess
import sys
import tempfile

FOLDERS = ("shared", "server", "bridge", "sensor-agent", "dashboard", "tests", "bench")
SUFFIXES = (".h", ".cpp")
SKIPPED = {"node_modules", "build"}


def sources(source_dir):
    for folder in FOLDERS:
        for root, dirs, files in os.walk(os.path.join(source_dir, folder)):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith("build-"))
            for name in sorted(files):
                if name.endswith(SUFFIXES):
                    yield os.path.join(root, name)


def unformatted(clang_format, source_dir):
    """[(relative path, first complaint)] for every file clang-format would change."""
    files = list(sources(source_dir))
    found = []
    # One clang-format per chunk of files: starting it once per file costs more than the check.
    for start in range(0, len(files), 50):
        chunk = files[start:start + 50]
        result = subprocess.run([clang_format, "--dry-run", "--Werror", *chunk],
                                cwd=source_dir, capture_output=True, text=True, check=False)
        reported = {}
        for line in result.stderr.splitlines():
            path, _, rest = line.partition(":")
            if path in chunk and path not in reported and "error:" in rest:
                reported[path] = rest.split("error:", 1)[1].strip()
        if result.returncode != 0 and not reported:
            raise RuntimeError(f"clang-format failed: {result.stderr.strip()}")
        found += [(os.path.relpath(path, source_dir), text) for path, text in reported.items()]
    return found, len(files)


def self_test(clang_format, source_dir):
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copy(os.path.join(source_dir, ".clang-format"), scratch)
        os.makedirs(os.path.join(scratch, "server"))
        with open(os.path.join(scratch, "server", "planted.cpp"), "w", encoding="utf-8") as out:
            out.write("int  planted( int a ){return a;}\n")
        os.makedirs(os.path.join(scratch, "shared"))
        with open(os.path.join(scratch, "shared", "clean.cpp"), "w", encoding="utf-8") as out:
            out.write("int clean(int a)\n{\n    return a;\n}\n")
        found, _ = unformatted(clang_format, scratch)
    names = [path for path, _ in found]
    if names != [os.path.join("server", "planted.cpp")]:
        print(f"self-test: expected only server/planted.cpp to be reported, got {names}")
        return 1
    print("self-test: the planted badly formatted file is reported, the clean one is not")
    return 0


def main(argv):
    if argv and argv[0] == "--self-test":
        return self_test(*argv[1:3])
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2])
        return 2
    clang_format, source_dir = argv
    found, checked = unformatted(clang_format, source_dir)
    for path, text in found:
        print(f"{path}: not formatted ({text}); fix with: clang-format -i {path}")
    print(f"{checked} files checked, {len(found)} not formatted")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
