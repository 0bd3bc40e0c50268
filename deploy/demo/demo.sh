#!/usr/bin/env bash
# The whole Vigil system on this machine, on loopback, with simulated sensors:
#   mosquitto -> two vigil-agent (motion, pressure; SIMULATE=stdin) -> vigil-bridge -> vigil-server
#   (web page) and vigil-dashboard when a display exists. State and logs go to ./var/.
# Ctrl-C (SIGINT), SIGTERM or the end of --duration stops everything it started, by pid, in an
# order that loses nothing: sensors first, the broker last.
#
# usage: deploy/demo/demo.sh [--duration SECONDS] [--state-dir DIR] [--no-dashboard]
# environment: DEMO_SECONDS (as --duration), DEMO_STATE_DIR (as --state-dir), DEMO_MQTT_PORT
# (first port tried for mosquitto, 1883), DEMO_HTTP_PORT (first port tried for the server, 8000),
# VIGIL_BIN_DIR (the programs, build/bin).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin_dir=${VIGIL_BIN_DIR:-$root/build/bin}
state_dir=${DEMO_STATE_DIR:-$root/var}
duration=${DEMO_SECONDS:-0}
mqtt_port_start=${DEMO_MQTT_PORT:-1883}
http_port_start=${DEMO_HTTP_PORT:-8000}
dashboard=auto

# A closed terminal or a `| head` must not kill the script before it has stopped its children:
# SIGPIPE is ignored and a failed write is not an error.
trap '' PIPE
say() { printf 'demo: %s\n' "$*" 2>/dev/null || true; }
fail() {
    printf 'demo: error: %s\n' "$*" >&2
    exit 1
}
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=${2:?--duration needs a number of seconds}; shift 2 ;;
        --state-dir) state_dir=${2:?--state-dir needs a folder}; shift 2 ;;
        --no-dashboard) dashboard=no; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ $duration =~ ^[0-9]+$ ]] || { echo "demo: error: --duration/DEMO_SECONDS=$duration: expected whole seconds" >&2; exit 2; }

for program in vigil-server vigil-bridge vigil-agent; do
    [ -x "$bin_dir/$program" ] || fail "$bin_dir/$program is missing: build first (./run.sh build)"
done
# Debian installs the broker in /usr/sbin, which is not in a normal user's PATH.
mosquitto=$(command -v mosquitto || true)
[ -n "$mosquitto" ] || [ ! -x /usr/sbin/mosquitto ] || mosquitto=/usr/sbin/mosquitto
[ -n "$mosquitto" ] || fail "mosquitto is not installed (apt-get install mosquitto)"

mkdir -p "$state_dir/log" "$state_dir/mosquitto" "$state_dir/run"
state_dir=$(cd "$state_dir" && pwd)
# One demo per state folder: two would share the database and the bridge's session.
exec {lock_fd}>"$state_dir/run/demo.lock"
flock -n "$lock_fd" || fail "another demo is running with $state_dir (stop it first)"
log_dir=$state_dir/log
# Every process started here inherits this marker, so a test can prove none is left behind.
export VIGIL_DEMO_STATE=$state_dir

# A port is taken when something accepts a connection on it (bash's /dev/tcp: no extra tool).
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_from() {
    local port=$1
    while port_in_use "$port"; do
        port=$((port + 1))
        [ "$port" -lt $(($1 + 100)) ] || fail "no free port in $1..$(($1 + 99))"
    done
    echo "$port"
}

# HTTP status of GET $1 on 127.0.0.1:$2, or nothing.
http_status() {
    local line
    exec 4<>"/dev/tcp/127.0.0.1/$2" || return 0
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&4
    IFS= read -r -t 2 line <&4 || true
    exec 4<&-
    line=${line%$'\r'}
    line=${line#HTTP/* }
    echo "${line%% *}"
}

# A sleep without a child process (read times out on a FIFO that nobody writes), so a feeder
# killed mid-wait leaves no orphan `sleep` holding the agent's standard input open.
mkfifo -m 600 "$state_dir/run/tick.fifo" 2>/dev/null || [ -p "$state_dir/run/tick.fifo" ]
pause() { read -r -t "$1" -u "$tick_fd" _ || true; }
millis() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# Random motion edges every 5-15 s (the first soon, so the page comes alive).
motion_feed() {
    exec {tick_fd}<>"$state_dir/run/tick.fifo"
    pause 2
    while :; do
        echo 1
        pause 1
        echo 0
        pause $((RANDOM % 11 + 4))
    done
}

# A press of 0.5-2 s every 10-20 s.
pressure_feed() {
    exec {tick_fd}<>"$state_dir/run/tick.fifo"
    pause 4
    while :; do
        echo 1
        pause "$(millis $((RANDOM % 1500 + 500)))"
        echo 0
        pause $((RANDOM % 11 + 10))
    done
}

names=() pids=()
remember() { names+=("$1"); pids+=("$2"); }

# Own session for each program: a Ctrl-C in the terminal reaches only this script, which then
# stops the programs in order instead of all of them at once.
# start NAME [--stdin FILE] COMMAND...: the redirections happen in the child, so opening a FIFO
# there never blocks this script.
start() {
    local name=$1 input=/dev/null
    shift
    if [ "$1" = --stdin ]; then
        input=$2
        shift 2
    fi
    setsid "$@" <"$input" >"$log_dir/$name.log" 2>&1 {tick_fd}<&- {lock_fd}<&- &
    remember "$name" $!
}

stopped=false
stop_pid() {
    local pid=$1 deadline=$((SECONDS + ${2:-10}))
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            say "pid $pid did not stop in time: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        pause 0.1
    done
    wait "$pid" 2>/dev/null || true
}

stop_all() {
    $stopped && return
    stopped=true
    trap '' INT TERM HUP
    say "stopping"
    local i
    # Dashboard and timer, then the feeders: an agent reads EOF, publishes SENSOR_OFFLINE and
    # exits by itself; then the bridge (its outbox keeps whatever is not delivered yet), the
    # server, and the broker last.
    for name in dashboard timer motion-feed pressure-feed agent-motion agent-pressure bridge server mosquitto; do
        for i in "${!names[@]}"; do
            [ "${names[$i]}" = "$name" ] && stop_pid "${pids[$i]}"
        done
    done
    rm -f "$state_dir/run/pids"
    say "stopped; logs are in $log_dir/"
}

trap 'stop_all; exit 0' INT TERM HUP
trap 'stop_all' EXIT
exec {tick_fd}<>"$state_dir/run/tick.fifo"

# --- broker ---------------------------------------------------------------------------------
mqtt_port=$(free_port_from "$mqtt_port_start")
# As root, mosquitto would switch to the mosquitto user, who cannot write ./var: stay the user
# who runs the demo (mosquitto ignores `user` when not started as root).
sed -e "s|@PORT@|$mqtt_port|g" -e "s|@STATE_DIR@|$state_dir/mosquitto/|g" -e "s|@USER@|$(id -un)|g" \
    "$root/deploy/demo/mosquitto-demo.conf.in" >"$state_dir/mosquitto/mosquitto.conf"
start mosquitto "$mosquitto" -c "$state_dir/mosquitto/mosquitto.conf"
deadline=$((SECONDS + 10))
until port_in_use "$mqtt_port"; do
    kill -0 "${pids[-1]}" 2>/dev/null || fail "mosquitto did not start: see $log_dir/mosquitto.log"
    [ $SECONDS -lt $deadline ] || fail "mosquitto is not listening on $mqtt_port after 10 s"
    pause 0.1
done

# --- server ---------------------------------------------------------------------------------
http_port=$(free_port_from "$http_port_start")
# The alarm's delays, short so that arming, the entry delay and a trigger can be watched in a
# minute (the defaults are 60, 30 and 180 s).
demo_exit_delay=10 demo_entry_delay=10 demo_trigger_time=20
start server "$bin_dir/vigil-server" --host 127.0.0.1 --port "$http_port" \
    --database "$state_dir/vigil.db" --exit-delay "$demo_exit_delay" \
    --entry-delay "$demo_entry_delay" --trigger-time "$demo_trigger_time"
deadline=$((SECONDS + 20))
until [ "$(http_status /api/health "$http_port" 2>/dev/null)" = 200 ]; do
    kill -0 "${pids[-1]}" 2>/dev/null || fail "vigil-server did not start: see $log_dir/server.log"
    [ $SECONDS -lt $deadline ] || fail "vigil-server is not healthy on $http_port after 20 s"
    pause 0.2
done
url=http://127.0.0.1:$http_port/

# --- bridge and simulated sensors ------------------------------------------------------------
start bridge "$bin_dir/vigil-bridge" --mqtt-broker 127.0.0.1 --mqtt-port "$mqtt_port" \
    --mqtt-client-id vigil-bridge-demo --backend-url "http://127.0.0.1:$http_port" \
    --outbox "$state_dir/bridge-outbox.db"

for kind in motion pressure; do
    fifo=$state_dir/run/$kind.fifo
    rm -f "$fifo"
    mkfifo -m 600 "$fifo"
    # The agent first, then its feeder: each open of the FIFO waits for the other side.
    start "agent-$kind" --stdin "$fifo" "$bin_dir/vigil-agent" --simulate stdin \
        --sensor-kind "$kind" --mqtt-broker 127.0.0.1 --mqtt-port "$mqtt_port" --device-id demo-pi
    "${kind}_feed" >"$fifo" 2>/dev/null &
    remember "$kind-feed" $!
done

# --- dashboard ------------------------------------------------------------------------------
dashboard_note=""
if [ "$dashboard" = auto ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$bin_dir/vigil-dashboard" ]; then
    start dashboard "$bin_dir/vigil-dashboard" --server "http://127.0.0.1:$http_port"
    dashboard_note="started (its window is on your display)"
elif [ "$dashboard" = auto ] && [ -x "$bin_dir/vigil-dashboard" ]; then
    dashboard_note="not started: no display (\$DISPLAY or \$WAYLAND_DISPLAY)"
fi

if [ "$duration" -gt 0 ]; then
    sleep "$duration" &
    remember timer $!
fi

printf '%s\n' "${pids[@]}" >"$state_dir/run/pids"
say "web page:  $url"
say "broker:    mqtt://127.0.0.1:$mqtt_port (anonymous, loopback only)"
logs=""
for name in "${names[@]}"; do
    case "$name" in *-feed | timer) ;; *) logs+=" $name.log" ;; esac
done
say "logs:      $log_dir/ ($(echo $logs))"
[ -z "$dashboard_note" ] || say "dashboard: $dashboard_note"
say "sensors:   motion every 5-15 s, a mat press every 10-20 s (device demo-pi)"
say "alarm:     short delays for the demo: exit $demo_exit_delay s, entry $demo_entry_delay s, trigger $demo_trigger_time s (defaults 60, 30, 180)"
if [ "$duration" -gt 0 ]; then say "running for $duration s"; else say "Ctrl-C stops everything"; fi

# Whichever ends first: the timer (a clean stop) or a program (a failure worth reporting).
status=0
wait -n -p ended "${pids[@]}" || status=$?
for i in "${!names[@]}"; do
    if [ "${pids[$i]}" = "${ended:-}" ] && [ "${names[$i]}" != timer ]; then
        say "${names[$i]} exited (status $status): see $log_dir/${names[$i]}.log"
        stop_all
        exit 1
    fi
done
stop_all
exit 0
