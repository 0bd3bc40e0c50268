#!/usr/bin/python3
"""The layers of docs/layers.txt, checked on every #include of the product C++.

usage: check_layers.py [SOURCE_DIR]   (default: this repository)
       check_layers.py --self-test    (plants forbidden includes in a temporary tree and
                                       checks that each one is reported, and nothing else)

docs/layers.txt names the product folders (shared, shared/mqtt, sensor-agent, bridge, server,
dashboard) and, for each, the folders its quoted includes may reach; a file belongs to the
longest folder of the table that holds it, so shared/mqtt/x.h is in shared/mqtt, not shared.
tests/ and bench/ are in no folder of the table and are not read.

Every `#include "name"` of a .h or .cpp in those folders is resolved the way the compiler would
find it: next to the includer, then in the includer's folder, then in the folders it may
include from, and only then in the other folders of the table (which a wrong include path or a
wrong link line would make reachable). An include that lands in a folder it may not reach is a
violation, whichever way it is spelt ("mqttclient.h", "mqtt/mqttclient.h", "../bridge/x.h").
An include found nowhere in those folders (a generated .moc or plugin header) is not checked.

`#include <...>` is only checked for the system headers the table lists (<mosquitto.h>,
<gpiod.h>): each may be included only from the folders given.

Prints one line per violation (file:line, the include, the rule) and a summary; exits 1 on any
violation, 2 when the table cannot be read.
"""

import os
import re
import shutil
import sys
import tempfile

TABLE = os.path.join("docs", "layers.txt")
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


class TableError(Exception):
    pass


def read_table(source_dir):
    """docs/layers.txt as ({folder: [folders it may include from]},
    {system header: [folders that may include it]})."""
    folders, headers = {}, {}
    path = os.path.join(source_dir, TABLE)
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.readlines()
    except OSError as error:
        raise TableError(f"{TABLE}: {error.strerror}") from error
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, colon, values = line.partition(":")
        key = key.strip().rstrip("/")
        if not colon or not key:
            raise TableError(f"{TABLE}:{number}: expected `folder: folders`, got {line!r}")
        target = headers if key.startswith("<") else folders
        if key in target:
            raise TableError(f"{TABLE}:{number}: {key} is listed twice")
        target[key] = [value.rstrip("/") for value in values.split()]
    for key, allowed in list(folders.items()) + list(headers.items()):
        for folder in allowed:
            if folder not in folders:
                raise TableError(f"{TABLE}: {key} names {folder}, which is no folder of the table")
    return folders, headers


def folder_of(relative, folders):
    """The longest folder of the table that holds a repository-relative path, or None."""
    best = None
    for folder in folders:
        if relative == folder or relative.startswith(folder + "/"):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def product_files(source_dir, folders):
    """Every product .h/.cpp as (repository-relative path, its folder of the table)."""
    found = set()
    for folder in folders:
        for root, dirs, files in os.walk(os.path.join(source_dir, folder)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    relative = os.path.relpath(os.path.join(root, name), source_dir)
                    relative = relative.replace(os.sep, "/")
                    found.add((relative, folder_of(relative, folders)))
    return sorted(found)


def resolve(source_dir, includer, name, own, folders):
    """The repository-relative file a quoted include names, searched where the compiler would
    look first (next to the includer, its folder, the folders it may reach), then in the rest
    of the table; None when no folder of the table has it."""
    search = [os.path.dirname(includer), own] + folders[own]
    search += [folder for folder in folders if folder not in search]
    for directory in search:
        candidate = os.path.normpath(os.path.join(source_dir, directory, name))
        if os.path.isfile(candidate):
            relative = os.path.relpath(candidate, source_dir).replace(os.sep, "/")
            if not relative.startswith("../"):
                return relative
    return None


def violations(source_dir):
    """(the violations as printable lines, how many files and includes were read)."""
    folders, headers = read_table(source_dir)
    found, includes = [], 0
    files = product_files(source_dir, folders)
    for relative, own in files:
        reachable = [own] + folders[own]
        with open(os.path.join(source_dir, relative), encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                includes += 1
                quote, name = match.groups()
                where = f"{relative}:{number}: "
                if quote == "<":
                    allowed = headers.get(f"<{name}>")
                    if allowed is not None and own not in allowed:
                        found.append(where + f"#include <{name}>: only {', '.join(allowed)} "
                                     f"may include it ({TABLE})")
                    continue
                target = resolve(source_dir, relative, name, own, folders)
                if target is None:
                    continue
                target_folder = folder_of(target, folders)
                if target_folder not in reachable:
                    found.append(where + f'#include "{name}" reaches {target} ({target_folder} '
                                 f"layer): {own} may include only from {', '.join(reachable)} "
                                 f"({TABLE})")
    return found, len(files), includes


def check(source_dir):
    try:
        found, files, includes = violations(source_dir)
    except TableError as error:
        print(f"error: {error}")
        return 2
    for line in found:
        print(line)
    print(f"{files} files, {includes} includes, {len(found)} forbidden")
    return 1 if found else 0


# The self-test: a tiny tree with the repository's own table and one file per arrow. Each
# (file, line) below must be reported, and nothing else.
PLANTED = {
    "shared/settings.h": [],
    "shared/settings.cpp": ['#include "settings.h"', "#include <QString>"],
    "shared/logging.cpp": ['#include "mqttclient.h"', '#include "bridge.h"',
                           "#include <mosquitto.h>"],
    "shared/mqtt/mqttclient.h": ['#include "settings.h"'],
    "shared/mqtt/mqttclient.cpp": ['#include "mqttclient.h"', "#include <mosquitto.h>"],
    "sensor-agent/sensoragent.cpp": ['#include "mqttclient.h"', "#include <gpiod.h>",
                                     '#include "bridge.h"'],
    "bridge/bridge.h": ['#include "mqttclient.h"', '#include "settings.h"'],
    "server/vigilserver.cpp": ['#include "settings.h"', '#include "mqttclient.h"',
                               '#include "mqtt/mqttclient.h"', '#include "bridge.h"',
                               '#include "../bridge/bridge.h"', '#include "vigilserver.moc"',
                               "#include <mosquitto.h>"],
    "dashboard/main.cpp": ['#include "settings.h"', "#include <gpiod.h>"],
    "tests/server/tst_x.cpp": ['#include "mqttclient.h"', '#include "bridge.h"'],
    "bench/loadgen/main.cpp": ["#include <mosquitto.h>"],
}
EXPECTED = {
    ("shared/logging.cpp", 1), ("shared/logging.cpp", 2), ("shared/logging.cpp", 3),
    ("sensor-agent/sensoragent.cpp", 3),
    ("server/vigilserver.cpp", 2), ("server/vigilserver.cpp", 3), ("server/vigilserver.cpp", 4),
    ("server/vigilserver.cpp", 5), ("server/vigilserver.cpp", 7),
    ("dashboard/main.cpp", 2),
}


def self_test(source_dir):
    with tempfile.TemporaryDirectory(prefix="check_layers.") as tree:
        os.makedirs(os.path.join(tree, "docs"))
        shutil.copy(os.path.join(source_dir, TABLE), os.path.join(tree, TABLE))
        for relative, lines in PLANTED.items():
            os.makedirs(os.path.dirname(os.path.join(tree, relative)), exist_ok=True)
            with open(os.path.join(tree, relative), "w", encoding="utf-8") as stream:
                stream.write("".join(line + "\n" for line in lines))
        try:
            found, _, _ = violations(tree)
        except TableError as error:
            print(f"error: {error}")
            return 2
    for line in found:
        print("reported: " + line)
    reported = {(line.split(":")[0], int(line.split(":")[1])) for line in found}
    missed, extra = EXPECTED - reported, reported - EXPECTED
    for relative, number in sorted(missed):
        print(f"FAIL not reported: {relative}:{number}: {PLANTED[relative][number - 1]}")
    for relative, number in sorted(extra):
        print(f"FAIL reported but allowed: {relative}:{number}: {PLANTED[relative][number - 1]}")
    print(f"{len(EXPECTED) - len(missed)} of {len(EXPECTED)} planted violations reported, "
          f"{len(extra)} allowed includes reported")
    return 1 if missed or extra else 0


def main(arguments):
    here = os.path.dirname(os.path.abspath(__file__))
    default_source = os.path.normpath(os.path.join(here, "..", ".."))
    if arguments[:1] == ["--self-test"]:
        return self_test(arguments[1] if len(arguments) > 1 else default_source)
    return check(arguments[0] if arguments else default_source)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
