#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

class QCommandLineParser;

// What every load-generator command shares: one clock, the event payloads it sends, the
// percentile arithmetic and the single JSON line each command prints on stdout.
namespace BenchCommon {

// Microseconds on CLOCK_MONOTONIC (std::chrono::steady_clock on Linux): the same clock in every
// thread of the load generator, so a publish time embedded in an event can be compared with its
// arrival on the WebSocket.
qint64 nowUs();

// The guide's MQTT format. event_id is "<runId>-<sequence>", unique per run; data carries the
// publish time as "bench_us" so a receiver can compute the latency.
QByteArray mqttPayload(const QByteArray &runId, qint64 sequence, qint64 sentUs);

// The backend format the server ingests (as the bridge sends it), same event_id scheme.
QByteArray backendEvent(const QByteArray &runId, qint64 sequence, qint64 sentUs);

// The publish time a generated event carries ("bench_us"), or -1 when it has none.
qint64 embeddedSentUs(const QByteArray &json);

// A JSON array of `count` backend events starting at `first`.
QByteArray backendBatch(const QByteArray &runId, qint64 first, int count);

// A fresh run id: short, unique enough to tell this run's events from any stored before.
QByteArray newRunId(const QString &prefix);

struct Percentiles
{
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
    qint64 samples = 0;
};
// Nearest-rank percentiles of the samples (any unit); all zero when there are none.
Percentiles percentiles(QList<double> samples);
QJsonObject toJson(const Percentiles &p, const QString &unit);

// A numeric option, or `fallback` when it was not given.
double numberOption(const QCommandLineParser &options, const QString &name, double fallback);

// Prints the command's result as one compact JSON line on stdout.
void printResult(const QJsonObject &result);
// One line on stderr, prefixed with the program name.
void note(const QString &line);

} // namespace BenchCommon
