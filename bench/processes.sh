# The process helpers bench/run-bench.sh and bench/soak.sh share, sourced by both after they
# define say, fail and $work: background programs by name with their logs in $work/log, stopped
# with SIGTERM then SIGKILL, free loopback ports, polling with a deadline, the server's health.
declare -A pids=()
start() { # start NAME COMMAND...: in the background, output to $work/log/NAME.log
    local name=$1
    shift
    "$@" </dev/null >>"$work/log/$name.log" 2>&1 &
    pids[$name]=$!
}
stop() { # stop NAME: SIGTERM, then SIGKILL after 20 s
    local name=$1 pid=${pids[$1]:-} deadline=$((SECONDS + 20))
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            say "$name (pid $pid) did not stop in 20 s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.05
    done
    wait "$pid" 2>/dev/null || true
    unset "pids[$name]"
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port _
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" || { echo "$port"; return; }
    done
    fail "no free port found"
}
# Polls COMMAND every 50 ms until it succeeds, for at most SECONDS; fails naming WHAT.
wait_for() {
    local seconds=$1 what=$2 deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@"; do
        [ $SECONDS -lt $deadline ] || fail "$what after $seconds s (logs: $work/log)"
        sleep 0.05
    done
}
alive() { kill -0 "${pids[$1]}" 2>/dev/null || fail "$1 exited: $(tail -3 "$work/log/$1.log")"; }
healthy() { # healthy PORT NAME
    alive "$2"
    local line
    { exec {http}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    printf 'GET /api/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$http"
    IFS= read -r -t 2 line <&"$http" || true
    exec {http}<&-
    [[ $line == HTTP/*" 200"* ]]
}
