#include "benchreport.h"

#include "benchcommon.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

struct Row
{
    QString measure;
    QString vigil;
    QString baseline;
    QString ratio;
    QString target;
    QString met; // "yes", "no" or "" when there is no target
};

QString number(double value, int decimals = 0)
{
    return QString::number(value, 'f', decimals);
}

QString ratioOf(double value, double baseline)
{
    return baseline > 0 ? number(value / baseline, 2) : u"-"_s;
}

QString verdict(bool met)
{
    return met ? u"yes"_s : u"NO"_s;
}

double at(const QJsonObject &results, const QString &section, const QString &key)
{
    return results[section][key].toDouble(-1);
}

QList<Row> rowsOf(const QJsonObject &r)
{
    QList<Row> rows;
    const auto has = [&r](const QString &section) { return r.contains(section); };
    const double ceiling = at(r, u"broker"_s, u"rate"_s);

    if (has(u"generator"_s))
        rows.append({u"generator alone, QoS 1 publish (events/s)"_s,
                     number(at(r, u"generator"_s, u"rate"_s)), number(ceiling),
                     ratioOf(at(r, u"generator"_s, u"rate"_s), ceiling),
                     u"> broker ceiling (never the bottleneck)"_s,
                     verdict(at(r, u"generator"_s, u"rate"_s) >= ceiling)});
    if (has(u"broker_tools"_s))
        rows.append({u"mosquitto_pub -> mosquitto_sub, QoS 1 (events/s)"_s,
                     number(at(r, u"broker_tools"_s, u"rate"_s)), number(ceiling),
                     ratioOf(at(r, u"broker_tools"_s, u"rate"_s), ceiling), QString(), QString()});
    if (has(u"e2e"_s)) {
        const double rate = at(r, u"e2e"_s, u"rate"_s);
        const double lost = at(r, u"e2e"_s, u"lost"_s);
        rows.append({u"end to end, burst of %1 (events/s)"_s.arg(at(r, u"e2e"_s, u"count"_s)),
                     number(rate), number(ceiling), ratioOf(rate, ceiling),
                     u">= 15000/s and >= 0.50 of ceiling"_s,
                     verdict(rate >= 15000 && ceiling > 0 && rate / ceiling >= 0.5)});
        rows.append({u"end to end, burst: events lost"_s, number(lost), QString(), QString(),
                     u"0"_s, verdict(lost == 0)});
    }
    if (has(u"latency"_s)) {
        const QJsonObject l = r[u"latency"].toObject();
        const QJsonObject b = r[u"broker_latency"].toObject();
        const auto spread = [](const QJsonObject &o) {
            return u"%1 / %2 / %3 / %4"_s.arg(
                number(o[u"p50_ms"].toDouble(), 2), number(o[u"p95_ms"].toDouble(), 2),
                number(o[u"p99_ms"].toDouble(), 2), number(o[u"max_ms"].toDouble(), 2));
        };
        rows.append({u"latency publish -> WebSocket at %1/s, p50/p95/p99/max (ms)"_s.arg(
                         l[u"rate"].toDouble()),
                     spread(l), b.isEmpty() ? QString() : spread(b),
                     ratioOf(l[u"p99_ms"].toDouble(), b[u"p99_ms"].toDouble()),
                     u"p99 <= 5 ms, all received"_s,
                     verdict(l[u"p99_ms"].toDouble() <= 5 && l[u"received"] == l[u"count"])});
    }
    if (has(u"outage"_s)) {
        const double lost = at(r, u"outage"_s, u"lost"_s);
        rows.append({u"outage: %1 events published while the server is down, lost"_s.arg(
                         at(r, u"outage"_s, u"count"_s)),
                     number(lost), QString(), QString(), u"0"_s, verdict(lost == 0)});
        rows.append({u"outage: server start -> backlog stored (s)"_s,
                     number(at(r, u"outage"_s, u"seconds"_s), 2), QString(), QString(), QString(),
                     QString()});
    }
    const auto serverRate = [&](const QString &section, const QString &what, double target) {
        if (!has(section))
            return;
        const double rate = at(r, section, u"events_per_second"_s);
        rows.append({what, number(rate), number(ceiling), ratioOf(rate, ceiling),
                     u">= %1/s"_s.arg(target), verdict(rate >= target)});
    };
    serverRate(u"server_single"_s, u"server alone: single POSTs (events/s)"_s, 5000);
    serverRate(u"server_batch"_s, u"server alone: batches of 100 (events/s)"_s, 50000);
    if (has(u"get"_s)) {
        const double p99 = at(r, u"get"_s, u"p99_ms"_s);
        rows.append({u"GET /api/events?limit=100 at %1 rows, p50/p99 (ms)"_s.arg(
                         r[u"footprint"][u"rows"].toInteger()),
                     u"%1 / %2"_s.arg(number(at(r, u"get"_s, u"p50_ms"_s), 2), number(p99, 2)),
                     QString(), QString(), u"p99 < 10 ms"_s, verdict(p99 < 10)});
    }
    if (has(u"fanout"_s))
        rows.append({u"one event to %1 WebSocket clients, p50/max (ms)"_s.arg(
                         at(r, u"fanout"_s, u"clients"_s)),
                     u"%1 / %2"_s.arg(number(at(r, u"fanout"_s, u"p50_ms"_s), 1),
                                      number(at(r, u"fanout"_s, u"max_ms"_s), 1)),
                     QString(), QString(), QString(), QString()});

    const QJsonObject f = r[u"footprint"].toObject();
    const auto mb = [](const QJsonValue &v) { return v.toDouble(-1); };
    const auto footprint = [&](const QString &what, const QJsonValue &value, double limit) {
        if (value.isUndefined())
            return;
        rows.append({what, number(mb(value), 1), QString(), QString(),
                     limit > 0 ? u"< %1 MB"_s.arg(limit) : QString(),
                     limit > 0 ? verdict(mb(value) >= 0 && mb(value) < limit) : QString()});
    };
    footprint(u"bridge peak RSS during the burst (MB)"_s, f[u"e2e"][u"bridge"][u"peak_rss_mb"], 25);
    footprint(u"server peak RSS during the burst (MB)"_s, f[u"e2e"][u"server"][u"peak_rss_mb"], 0);
    footprint(u"mosquitto peak RSS during the burst (MB)"_s,
              f[u"e2e"][u"mosquitto"][u"peak_rss_mb"], 0);
    footprint(u"server RSS with %1 stored events (MB)"_s.arg(f[u"rows"].toInteger()),
              f[u"server_rss_at_rows_mb"], 60);
    footprint(u"server peak RSS, server-alone runs (MB)"_s,
              f[u"server_alone"][u"server"][u"peak_rss_mb"], 0);
    footprint(u"idle RSS: bridge (MB)"_s, f[u"idle"][u"bridge_rss_mb"], 25);
    footprint(u"idle RSS: server (MB)"_s, f[u"idle"][u"server_rss_mb"], 0);
    footprint(u"idle RSS: agent, SIMULATE=stdin (MB)"_s, f[u"idle"][u"agent_rss_mb"], 15);
    // CPU time per event: unlike a rate, the other load on a shared machine hardly changes it.
    // The baseline is the broker's own CPU per event when it carries the same burst to one
    // QoS 1 subscriber.
    const QJsonObject c = r[u"e2e_cpu"].toObject();
    const double burstEvents = c[u"events"].toDouble();
    if (burstEvents > 0) {
        const double aloneUs = c[u"mosquitto_alone"].toDouble() * 1e6 / burstEvents;
        for (const char *program : {"bridge", "server", "mosquitto"}) {
            const QString name = QString::fromLatin1(program);
            const double us = c[name].toDouble() * 1e6 / burstEvents;
            rows.append({u"CPU per event end to end: %1 (us)"_s.arg(name), number(us, 1),
                         number(aloneUs, 1), ratioOf(us, aloneUs), QString(), QString()});
        }
    }
    const auto perEvent = [&](const QString &section, const QString &what) {
        const double seconds = at(r, section, u"server_cpu_seconds"_s);
        const double events = at(r, section, u"events"_s);
        if (seconds < 0 || events <= 0)
            return;
        const double us = seconds * 1e6 / events;
        rows.append({what, u"%1 us = %2/s per core"_s.arg(number(us, 1), number(1e6 / us)),
                     QString(), QString(), QString(), QString()});
    };
    perEvent(u"server_single"_s, u"server CPU per single POST"_s);
    perEvent(u"server_batch"_s, u"server CPU per event, batches of 100"_s);
    const auto cpu = [&](const QString &what, const QJsonValue &value) {
        if (!value.isUndefined())
            rows.append(
                {what, number(value.toDouble(), 2), QString(), QString(), QString(), QString()});
    };
    cpu(u"CPU seconds during the burst: bridge"_s, f[u"e2e"][u"bridge"][u"cpu_seconds"]);
    cpu(u"CPU seconds during the burst: server"_s, f[u"e2e"][u"server"][u"cpu_seconds"]);
    cpu(u"CPU seconds during the burst: mosquitto"_s, f[u"e2e"][u"mosquitto"][u"cpu_seconds"]);
    cpu(u"CPU seconds, server-alone runs: server"_s, f[u"server_alone"][u"server"][u"cpu_seconds"]);
    return rows;
}

void printText(const QList<Row> &rows)
{
    for (const Row &row : rows) {
        const QString line = u"%1 %2 %3 %4 %5 %6"_s.arg(row.measure, -58)
                                 .arg(row.vigil, 24)
                                 .arg(row.baseline, 24)
                                 .arg(row.ratio, 6)
                                 .arg(row.met, 4)
                                 .arg(row.target);
        std::printf("%s\n", line.toLocal8Bit().constData());
    }
}

void printMarkdown(const QList<Row> &rows)
{
    std::printf("| measure | Vigil | baseline, same run | ratio | target | met |\n");
    std::printf("| --- | ---: | ---: | ---: | --- | --- |\n");
    for (const Row &row : rows) {
        const QString line = u"| %1 | %2 | %3 | %4 | %5 | %6 |"_s.arg(
            row.measure, row.vigil, row.baseline, row.ratio, row.target, row.met);
        std::printf("%s\n", line.toUtf8().constData());
    }
}

} // namespace

namespace BenchReport {

int print(const QString &resultsPath, bool markdown)
{
    QFile file(resultsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        BenchCommon::note(u"%1: %2"_s.arg(resultsPath, file.errorString()));
        return 1;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        BenchCommon::note(u"%1: not a JSON object: %2"_s.arg(resultsPath, error.errorString()));
        return 1;
    }
    const QList<Row> rows = rowsOf(document.object()[u"results"].toObject());
    if (markdown)
        printMarkdown(rows);
    else
        printText(rows);
    return 0;
}

} // namespace BenchReport
