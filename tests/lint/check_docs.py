#!/usr/bin/python3
"""docs/architecture.md checked against the code, so that it cannot name what does not exist.

usage: check_docs.py SOURCE_DIR
       check_docs.py --self-test SOURCE_DIR   (a copy of the page with a planted class name
                                               and a planted file: both must be reported)

Two things of the page are read:
- every class name it gives: a CamelCase word in `backticks` (or `Class::member`), and every
  CamelCase word inside the picture (the ```text block of "The path of an event"). Each must
  be declared in the product, tests/ or bench/ (`class`, `struct`, `enum`, `namespace` or a
  `using` alias). Qt's own classes (QSomething) are not ours and are skipped.
- every repository path it gives in backticks (`server/vigilserver.h`, `docs/layers.txt`):
  each must exist.
Prints one line per name or path that is not found; exits 1 if any.
"""

import os
import re
import shutil
import sys
import tempfile

PAGE = os.path.join("docs", "architecture.md")
FOLDERS = ("shared", "server", "bridge", "sensor-agent", "dashboard", "tests", "bench")
DECLARATION = re.compile(
    r"^\s*(?:template\s*<[^>]*>\s*)?(?:class|struct|enum(?:\s+class)?|namespace|using)"
    r"\s+(?:Q_DECL_EXPORT\s+)?([A-Z]\w*)", re.M)
CAMEL = re.compile(r"\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\b")
BACKTICKED = re.compile(r"`([^`\n]+)`")
CLASS_NAME = re.compile(r"^([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:::\w+(?:\(\))?)?$")
PATH = re.compile(r"^(?:shared|server|bridge|sensor-agent|dashboard|qml|tests|bench|deploy|"
                  r"docs|scripts|cmake)/[\w./-]*$")
# CamelCase words of the page that are names of protocols or products, not classes.
NOT_CLASSES = {"WebSocket", "QoS", "PostgreSQL", "SQLite", "JavaScript", "WebPush"}
PICTURE = re.compile(r"## The path of an event\n.*?```text\n(.*?)```", re.S)


def declared_names(source_dir):
    names = set()
    for folder in FOLDERS:
        for root, dirs, files in os.walk(os.path.join(source_dir, folder)):
            dirs[:] = [d for d in dirs if d != "node_modules" and not d.startswith("build")]
            for name in files:
                if name.endswith((".h", ".cpp")):
                    with open(os.path.join(root, name), encoding="utf-8") as stream:
                        names.update(DECLARATION.findall(stream.read()))
    return names


def problems(source_dir):
    with open(os.path.join(source_dir, PAGE), encoding="utf-8") as stream:
        page = stream.read()
    picture = PICTURE.search(page)
    if not picture:
        return [f"{PAGE}: no ```text picture under '## The path of an event'"]
    wanted, paths = set(CAMEL.findall(picture.group(1))), set()
    for text in BACKTICKED.findall(page):
        text = text.strip()
        match = CLASS_NAME.match(text)
        if match:
            wanted.add(match.group(1))
        elif PATH.match(text):
            paths.add(text.rstrip("/"))
    known = declared_names(source_dir)
    found = [f"{PAGE}: names class {name}, which no header declares"
             for name in sorted(wanted - NOT_CLASSES)
             if not re.match(r"^Q[A-Z]", name) and name not in known]
    found += [f"{PAGE}: names {path}, which does not exist"
              for path in sorted(paths) if not os.path.exists(os.path.join(source_dir, path))]
    return found


def self_test(source_dir):
    already = problems(source_dir) # the real page's own are lint_architecture_doc's to report
    with tempfile.TemporaryDirectory() as scratch:
        for folder in FOLDERS + ("docs", "qml", "deploy", "scripts", "cmake"):
            source = os.path.join(source_dir, folder)
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(scratch, folder), symlinks=True,
                                ignore=shutil.ignore_patterns("node_modules", "build*"))
        page = os.path.join(scratch, PAGE)
        with open(page, "a", encoding="utf-8") as stream:
            stream.write("\nPlanted: `PlantedGhostClass` in `server/plantedghost.h`.\n")
        found = [line for line in problems(scratch) if line not in already]
    expected = [f"{PAGE}: names class PlantedGhostClass, which no header declares",
                f"{PAGE}: names server/plantedghost.h, which does not exist"]
    if found != expected:
        print(f"self-test: expected {expected}, got {found}")
        return 1
    print("self-test: the planted class name and path are reported, nothing else")
    return 0


def main(argv):
    if argv and argv[0] == "--self-test":
        return self_test(argv[1])
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2])
        return 2
    found = problems(argv[0])
    for line in found:
        print(line)
    print(f"{PAGE}: {len(found)} names or paths not found")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
