#!/usr/bin/python3
"""Static checks of the container files and the env examples (docker cannot run here).

usage: check_compose.py [SOURCE_DIR [BIN_DIR]]   (default: this repository and its build/bin)

- deploy/compose/docker-compose.yml has the guide's layout: mqtt-broker, sensor-motion,
  sensor-pressure (GPIO devices; only MQTT_TOPIC=sensor/pressure and SENSOR_PIN=27 differ from
  the motion sensor), mqtt-bridge; every build points at a Dockerfile stage that exists.
- deploy/compose/docker-compose.backend.yml runs vigil-server with API_TOKENS required.
- deploy/docker/Dockerfile: every stage on debian:${DEBIAN_RELEASE} (-slim for the runtime), the
  argument defaulting to trixie, each `case` on it knowing trixie and bookworm; for both releases,
  -dev packages only in the build stage and every runtime package one that release has (a table
  below, no network); each runtime stage installs the package of every shared library its program
  links (read from the built binary with readelf and dpkg -S, when the binary exists), with the
  names of the release this machine runs.
- Every setting named in a compose file or an env example is one the program knows (its --help).

Prints one line per check and "N passed, N failed"; exits 1 on any failure.
"""

import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, "..", ".."))
BIN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(SOURCE, "build/bin")
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail))


def load_yaml(relative):
    with open(os.path.join(SOURCE, relative), encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


# The Debian releases the Dockerfile builds on, its default first.
RELEASES = ("trixie", "bookworm")
DEFAULT_RELEASE = RELEASES[0]

# The runtime library packages each release has, as `apt-cache show` names them (checked against
# a bookworm system and a trixie root). Debian 13's 64-bit time_t transition renamed the Qt core
# library (libqt6core6t64), and libgpiod 2.x is libgpiod3 where 1.6 was libgpiod2.
COMMON_RUNTIME = {
    "ca-certificates", "libmosquitto1", "libqt6network6", "libqt6sql6", "libqt6sql6-sqlite",
    "libqt6httpserver6", "libqt6websockets6", "libsystemd0", "libsodium23",
    # the dashboard's, should an image ever ship it
    "libqt6gui6", "libqt6qml6", "libqt6quick6", "libqt6quickcontrols2-6", "libqt6multimedia6",
}
KNOWN_PACKAGES = {
    "trixie": COMMON_RUNTIME | {"libqt6core6t64", "libgpiod3"},
    "bookworm": COMMON_RUNTIME | {"libqt6core6", "libgpiod2"},
}


def release_cases(run):
    """Every `case "$DEBIAN_RELEASE" in ... esac` of a RUN line, as
    {pattern: {"vars": {variable: value it sets}, "body": the arm's commands}}."""
    cases = []
    for body in re.findall(r'\bcase\s+"?\$\{?DEBIAN_RELEASE\}?"?\s+in\b(.*?)\besac\b', run):
        arms = {}
        for arm in body.split(";;"):
            match = re.match(r"\s*([^)\s]+)\s*\)(.*)", arm, re.DOTALL)
            if match:
                assignments = dict(re.findall(r'(?:^|[\s;])([A-Za-z_]\w*)="?([^\s";]+)"?', match.group(2)))
                for pattern in match.group(1).split("|"):
                    arms[pattern] = {"vars": assignments, "body": match.group(2).strip()}
        cases.append(arms)
    return cases


def case_variables(cases, release):
    """The variables the cases of one RUN set for a release (its own arm, else `*`)."""
    values = {}
    for arms in cases:
        arm = arms.get(release) or arms.get("*") or {"vars": {}}
        values.update(arm["vars"])
    return values


def install_words(run, variables):
    """The packages of the `apt-get install` in a RUN line, its variables replaced."""
    words = run.split("apt-get install", 1)[1].split("&&")[0].split()
    packages = []
    for word in words:
        if word.startswith("-"):
            continue
        word = re.sub(r'\$\{?(\w+)\}?', lambda m: variables.get(m.group(1), m.group(0)), word.strip('"'))
        packages.append(word if "$" not in word else "<unset " + word + ">")
    return packages


def dockerfile_stages(text):
    """(global ARG defaults, stage name -> {"from": image, "args": [...], "cases": [...],
    "packages": {release: [...]}, "copies": [...], "uses_release": bool})."""
    stages, current, global_args = {}, None, {}
    # BuildKit drops comment and empty lines, even between continuation lines; then each
    # continuation line belongs to the instruction above it.
    text = re.sub(r"^[ \t]*(#.*)?\n", "", text, flags=re.MULTILINE)
    for line in re.sub(r"\\\n", " ", text).splitlines():
        line = line.strip()
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        arg = re.match(r"ARG\s+(\w+)(?:=(\S*))?", line)
        if match:
            current = {"from": match.group(1), "args": [], "cases": [], "copies": [],
                       "packages": {release: [] for release in RELEASES}, "uses_release": False}
            stages[match.group(2) or str(len(stages))] = current
            if match.group(1) in stages:  # FROM an earlier stage inherits its packages
                current["packages"] = {r: list(p) for r, p in stages[match.group(1)]["packages"].items()}
        elif arg:
            if current is None:
                global_args[arg.group(1)] = arg.group(2)
            else:
                current["args"].append(arg.group(1))
        elif current and line.startswith("RUN"):
            current["uses_release"] |= "DEBIAN_RELEASE" in line
            cases = release_cases(line)
            current["cases"] += cases
            if "apt-get install" in line:
                for release in RELEASES:
                    current["packages"][release] += install_words(line, case_variables(cases, release))
        elif current and line.startswith("COPY --from="):
            current["copies"].append(line.split()[1])
    return global_args, stages


def host_release():
    """The Debian code name of this machine (or of the root the tests run in), or None."""
    try:
        with open("/etc/os-release", encoding="utf-8") as stream:
            found = re.search(r"^VERSION_CODENAME=\"?(\w+)", stream.read(), re.MULTILINE)
    except OSError:
        return None
    return found.group(1) if found else None


def help_text(program):
    path = os.path.join(BIN, program)
    if not os.access(path, os.X_OK):
        return None
    return subprocess.run([path, "--help"], capture_output=True, text=True, timeout=30).stdout


def needed_packages(binary):
    """Debian packages of the shared libraries the binary links directly (NEEDED), found where
    the dynamic loader finds them (ldd), so a 32-bit copy of a library is not counted."""
    dynamic = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True).stdout
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic))
    resolved = dict(re.findall(r"^\s*(\S+) => (/\S+)", subprocess.run(
        ["ldd", binary], capture_output=True, text=True).stdout, re.MULTILINE))
    # ldd cannot load a binary of another architecture (./run.sh cross-arm64): its libraries are
    # then looked up in that architecture's multiarch folders, where Debian installs them.
    machine = re.search(r"Machine:\s+(.+)", subprocess.run(
        ["readelf", "-h", binary], capture_output=True, text=True).stdout)
    triplet = MULTIARCH.get(machine.group(1).strip() if machine else "")
    folders = [f"/usr/lib/{triplet}", f"/lib/{triplet}"] if triplet else []
    packages = set()
    for library in needed:
        if library.startswith("ld-linux"):  # the dynamic loader itself, part of libc6
            continue
        paths = [resolved[library]] if library in resolved else \
            [os.path.join(f, library) for f in folders if os.path.exists(os.path.join(f, library))]
        if not paths:
            packages.add("<unresolved " + library + ">")
            continue
        for candidate in [c for path in paths for c in (path, os.path.realpath(path))]:
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                packages.add(found.stdout.split(":")[0])
                break
        else:
            packages.add("<no package owns " + paths[0] + ">")
    return packages


# The C/C++ runtime comes with every Debian image; the sanitizer runtimes are there only in a
# build of the asan preset, never in the release build the Dockerfile makes.
BASE_PACKAGES = {"libc6", "libstdc++6", "libgcc-s1"}
SANITIZER_PACKAGES = {"libasan8", "libubsan1", "liblsan0", "libtsan2"}
# readelf's name of a machine -> Debian's multiarch folder.
MULTIARCH = {"Advanced Micro Devices X86-64": "x86_64-linux-gnu", "AArch64": "aarch64-linux-gnu"}

pi = load_yaml("deploy/compose/docker-compose.yml")
backend = load_yaml("deploy/compose/docker-compose.backend.yml")
with open(os.path.join(SOURCE, "deploy/docker/Dockerfile"), encoding="utf-8") as f:
    dockerfile_args, stages = dockerfile_stages(f.read())

services = pi.get("services", {})
check("compose: the guide's services",
      set(services) == {"mqtt-broker", "sensor-motion", "sensor-pressure", "mqtt-bridge"},
      str(sorted(services)))
for name in ("sensor-motion", "sensor-pressure"):
    devices = [d.split(":")[0] for d in services.get(name, {}).get("devices", [])]
    check(f"compose: {name} gets the GPIO devices",
          {"/dev/gpiomem", "/dev/gpiochip0"} <= set(devices), str(devices))
    check(f"compose: {name} is not privileged", not services.get(name, {}).get("privileged"))
motion = environment(services.get("sensor-motion", {}))
pressure = environment(services.get("sensor-pressure", {}))
differs = {k: v for k, v in pressure.items() if motion.get(k) != v}
check("compose: sensor-pressure differs only by MQTT_TOPIC and SENSOR_PIN",
      differs == {"MQTT_TOPIC": "sensor/pressure", "SENSOR_PIN": "27"} and "SENSOR_KIND" not in pressure,
      str(differs))
check("compose: motion on sensor/motion, BCM 17",
      motion.get("MQTT_TOPIC") == "sensor/motion" and str(motion.get("SENSOR_PIN")) == "17")
bridge = environment(services.get("mqtt-bridge", {}))
check("compose: the bridge's outbox is on a volume",
      any(v.endswith(":/var/lib/vigil-bridge") for v in services.get("mqtt-bridge", {}).get("volumes", []))
      and bridge.get("OUTBOX", "").startswith("/var/lib/vigil-bridge/"))
check("compose: the bridge has a stable MQTT client id", "MQTT_CLIENT_ID" in bridge)
server_service = backend.get("services", {}).get("vigil-server", {})
server_env = environment(server_service)
check("backend compose: vigil-server requires API_TOKENS", ":?" in str(server_env.get("API_TOKENS", "")))
check("backend compose: the database is on a volume",
      any(v.endswith(":/var/lib/vigil-server") for v in server_service.get("volumes", [])))

for file_name, document in (("docker-compose.yml", pi), ("docker-compose.backend.yml", backend)):
    for name, service in document.get("services", {}).items():
        build = service.get("build")
        if not build:
            continue
        check(f"{file_name}: {name} builds the stage {build.get('target')}",
              build.get("dockerfile") == "deploy/docker/Dockerfile" and build.get("target") in stages
              and os.path.normpath(os.path.join(SOURCE, "deploy/compose", build.get("context", "."))) ==
              os.path.normpath(SOURCE), str(build))

check(f"Dockerfile: ARG DEBIAN_RELEASE before the first FROM defaults to {DEFAULT_RELEASE}",
      dockerfile_args.get("DEBIAN_RELEASE") == DEFAULT_RELEASE, str(dockerfile_args))
for name, stage in stages.items():
    image = re.sub(r"\$\{?DEBIAN_RELEASE\}?", "${DEBIAN_RELEASE}", stage["from"])
    check(f"Dockerfile: stage {name} is on debian:${{DEBIAN_RELEASE}}",
          stage["from"] in stages or image == ("debian:${DEBIAN_RELEASE}" if name == "build"
                                               else "debian:${DEBIAN_RELEASE}-slim"), stage["from"])
    if stage["uses_release"]:
        # An ARG before the first FROM is seen by the FROM lines only: without its own ARG line a
        # stage would read an empty DEBIAN_RELEASE.
        check(f"Dockerfile: stage {name} declares ARG DEBIAN_RELEASE", "DEBIAN_RELEASE" in stage["args"])
    for arms in stage["cases"]:
        check(f"Dockerfile: stage {name} has a case for {' and '.join(RELEASES)}, and fails on any other",
              set(RELEASES) <= set(arms) and "exit 1" in arms.get("*", {}).get("body", ""),
              str(sorted(arms)))
for release in RELEASES:
    check(f"Dockerfile ({release}): the build stage has the compilers and -dev packages",
          {"cmake", "ninja-build", "build-essential", "qt6-base-dev", "libmosquitto-dev", "libgpiod-dev"}
          <= set(stages.get("build", {}).get("packages", {}).get(release, [])))
this_release = host_release()
for target, program in (("agent", "vigil-agent"), ("bridge", "vigil-bridge"), ("server", "vigil-server")):
    stage = stages.get(target, {"packages": {}, "copies": []})
    for release in RELEASES:
        packages = stage["packages"].get(release, [])
        check(f"Dockerfile ({release}): {target} has no -dev package and no compiler",
              not [p for p in packages if p.endswith("-dev") or p in ("cmake", "build-essential")])
        unknown = sorted(set(packages) - KNOWN_PACKAGES[release])
        check(f"Dockerfile ({release}): every package {target} installs exists on {release}",
              packages and not unknown, str(unknown))
        if "libqt6sql6" in packages:
            check(f"Dockerfile ({release}): {target} has the SQLite driver", "libqt6sql6-sqlite" in packages)
    check(f"Dockerfile: {target} copies {program} from the build stage", "--from=build" in stage["copies"])
    binary = os.path.join(BIN, program)
    if not os.access(binary, os.X_OK):
        print(f"SKIP Dockerfile: {target} libraries ({binary} not built)")
    elif this_release not in RELEASES:
        print(f"SKIP Dockerfile: {target} libraries (this machine runs {this_release}, not {RELEASES})")
    else:
        missing = needed_packages(binary) - set(stage["packages"].get(this_release, [])) - BASE_PACKAGES \
            - SANITIZER_PACKAGES
        check(f"Dockerfile ({this_release}): {target} installs every library {program} links", not missing,
              str(sorted(missing)))

# Settings: every key a deployment file sets must be one the program reads.
env_examples = {
    "vigil-agent": ["deploy/systemd/agent-motion.env", "deploy/systemd/agent-pressure.env"],
    "vigil-bridge": ["deploy/systemd/bridge.env"],
    "vigil-server": ["deploy/systemd/server.env"],
}
compose_keys = {
    "vigil-agent": set(motion) | set(pressure),
    "vigil-bridge": set(bridge),
    "vigil-server": set(server_env),
}
for program, files in env_examples.items():
    known = help_text(program)
    if known is None:
        print(f"SKIP settings of {program} (not built)")
        continue
    for relative in files:
        with open(os.path.join(SOURCE, relative), encoding="utf-8") as f:
            keys = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", f.read(), re.MULTILINE))
        unknown = sorted(k for k in keys if not re.search(r"\b" + k + r"\b", known))
        check(f"{relative}: every key is a setting of {program}", keys and not unknown, str(unknown))
    unknown = sorted(k for k in compose_keys[program] if not re.search(r"\b" + k + r"\b", known))
    check(f"compose: every variable given to {program} is one of its settings", not unknown, str(unknown))

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
