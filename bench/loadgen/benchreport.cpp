#include "benchreport.h"

#include "benchcommon.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <algorithm>
#include <cstdio>

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
    return baseline > 0 ? number(value / baseline, 2) : QStringLiteral("-");
}

QString verdict(bool met)
{
    return met ? QStringLiteral("yes") : QStringLiteral("NO");
}

double at(const QJsonObject &results, const QString &section, const QString &key)
{
    return results[section][key].toDouble(-1);
}

QList<Row> rowsOf(const QJsonObject &r)
{
    QList<Row> rows;
    const auto has = [&r](const QString &section) { return r.contains(section); };
    const double ceiling = at(r, QStringLiteral("broker"), QStringLiteral("rate"));

    if (has(QStringLiteral("generator")))
        rows.append(
            {QStringLiteral("generator alone, QoS 1 publish (events/s)"),
             number(at(r, QStringLiteral("generator"), QStringLiteral("rate"))), number(ceiling),
             ratioOf(at(r, QStringLiteral("generator"), QStringLiteral("rate")), ceiling),
             QStringLiteral("> broker ceiling (never the bottleneck)"),
             verdict(at(r, QStringLiteral("generator"), QStringLiteral("rate")) >= ceiling)});
    if (has(QStringLiteral("broker_tools")))
        rows.append(
            {QStringLiteral("mosquitto_pub -> mosquitto_sub, QoS 1 (events/s)"),
             number(at(r, QStringLiteral("broker_tools"), QStringLiteral("rate"))), number(ceiling),
             ratioOf(at(r, QStringLiteral("broker_tools"), QStringLiteral("rate")), ceiling),
             QString(), QString()});
    if (has(QStringLiteral("e2e"))) {
        const double rate = at(r, QStringLiteral("e2e"), QStringLiteral("rate"));
        const double lost = at(r, QStringLiteral("e2e"), QStringLiteral("lost"));
        rows.append({QStringLiteral("end to end, burst of %1 (events/s)")
                         .arg(at(r, QStringLiteral("e2e"), QStringLiteral("count"))),
                     number(rate), number(ceiling), ratioOf(rate, ceiling),
                     QStringLiteral(">= 15000/s and >= 0.50 of ceiling"),
                     verdict(rate >= 15000 && ceiling > 0 && rate / ceiling >= 0.5)});
        rows.append({QStringLiteral("end to end, burst: events lost"), number(lost), QString(),
                     QString(), QStringLiteral("0"), verdict(lost == 0)});
    }
    if (has(QStringLiteral("latency"))) {
        const QJsonObject l = r[u"latency"].toObject();
        const QJsonObject b = r[u"broker_latency"].toObject();
        const auto spread = [](const QJsonObject &o) {
            return QStringLiteral("%1 / %2 / %3 / %4")
                .arg(number(o[u"p50_ms"].toDouble(), 2), number(o[u"p95_ms"].toDouble(), 2),
                     number(o[u"p99_ms"].toDouble(), 2), number(o[u"max_ms"].toDouble(), 2));
        };
        rows.append({QStringLiteral("latency publish -> WebSocket at %1/s, p50/p95/p99/max (ms)")
                         .arg(l[u"rate"].toDouble()),
                     spread(l), b.isEmpty() ? QString() : spread(b),
                     ratioOf(l[u"p99_ms"].toDouble(), b[u"p99_ms"].toDouble()),
                     QStringLiteral("p99 <= 5 ms, all received"),
                     verdict(l[u"p99_ms"].toDouble() <= 5 && l[u"received"] == l[u"count"])});
    }
    if (has(QStringLiteral("outage"))) {
        const double lost = at(r, QStringLiteral("outage"), QStringLiteral("lost"));
        rows.append({QStringLiteral("outage: %1 events published while the server is down, lost")
                         .arg(at(r, QStringLiteral("outage"), QStringLiteral("count"))),
                     number(lost), QString(), QString(), QStringLiteral("0"), verdict(lost == 0)});
        rows.append({QStringLiteral("outage: server start -> backlog stored (s)"),
                     number(at(r, QStringLiteral("outage"), QStringLiteral("seconds")), 2),
                     QString(), QString(), QString(), QString()});
    }
    const auto serverRate = [&](const QString &section, const QString &what, double target) {
        if (!has(section))
            return;
        const double rate = at(r, section, QStringLiteral("events_per_second"));
        rows.append({what, number(rate), number(ceiling), ratioOf(rate, ceiling),
                     QStringLiteral(">= %1/s").arg(target), verdict(rate >= target)});
    };
    serverRate(QStringLiteral("server_single"),
               QStringLiteral("server alone: single POSTs (events/s)"), 5000);
    serverRate(QStringLiteral("server_batch"),
               QStringLiteral("server alone: batches of 100 (events/s)"), 50000);
    if (has(QStringLiteral("get"))) {
        const double p99 = at(r, QStringLiteral("get"), QStringLiteral("p99_ms"));
        rows.append(
            {QStringLiteral("GET /api/events?limit=100 at %1 rows, p50/p99 (ms)")
                 .arg(r[u"footprint"][u"rows"].toInteger()),
             QStringLiteral("%1 / %2").arg(
                 number(at(r, QStringLiteral("get"), QStringLiteral("p50_ms")), 2), number(p99, 2)),
             QString(), QString(), QStringLiteral("p99 < 10 ms"), verdict(p99 < 10)});
    }
    if (has(QStringLiteral("fanout")))
        rows.append({QStringLiteral("one event to %1 WebSocket clients, p50/max (ms)")
                         .arg(at(r, QStringLiteral("fanout"), QStringLiteral("clients"))),
                     QStringLiteral("%1 / %2").arg(
                         number(at(r, QStringLiteral("fanout"), QStringLiteral("p50_ms")), 1),
                         number(at(r, QStringLiteral("fanout"), QStringLiteral("max_ms")), 1)),
                     QString(), QString(), QString(), QString()});

    const QJsonObject f = r[u"footprint"].toObject();
    const auto mb = [](const QJsonValue &v) { return v.toDouble(-1); };
    const auto footprint = [&](const QString &what, const QJsonValue &value, double limit) {
        if (value.isUndefined())
            return;
        rows.append({what, number(mb(value), 1), QString(), QString(),
                     limit > 0 ? QStringLiteral("< %1 MB").arg(limit) : QString(),
                     limit > 0 ? verdict(mb(value) >= 0 && mb(value) < limit) : QString()});
    };
    footprint(QStringLiteral("bridge peak RSS during the burst (MB)"),
              f[u"e2e"][u"bridge"][u"peak_rss_mb"], 25);
    footprint(QStringLiteral("server peak RSS during the burst (MB)"),
              f[u"e2e"][u"server"][u"peak_rss_mb"], 0);
    footprint(QStringLiteral("mosquitto peak RSS during the burst (MB)"),
              f[u"e2e"][u"mosquitto"][u"peak_rss_mb"], 0);
    footprint(QStringLiteral("server RSS with %1 stored events (MB)").arg(f[u"rows"].toInteger()),
              f[u"server_rss_at_rows_mb"], 60);
    footprint(QStringLiteral("server peak RSS, server-alone runs (MB)"),
              f[u"server_alone"][u"server"][u"peak_rss_mb"], 0);
    footprint(QStringLiteral("idle RSS: bridge (MB)"), f[u"idle"][u"bridge_rss_mb"], 25);
    footprint(QStringLiteral("idle RSS: server (MB)"), f[u"idle"][u"server_rss_mb"], 0);
    footprint(QStringLiteral("idle RSS: agent, SIMULATE=stdin (MB)"), f[u"idle"][u"agent_rss_mb"],
              15);
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
            rows.append({QStringLiteral("CPU per event end to end: %1 (us)").arg(name),
                         number(us, 1), number(aloneUs, 1), ratioOf(us, aloneUs), QString(),
                         QString()});
        }
    }
    const auto perEvent = [&](const QString &section, const QString &what) {
        const double seconds = at(r, section, QStringLiteral("server_cpu_seconds"));
        const double events = at(r, section, QStringLiteral("events"));
        if (seconds < 0 || events <= 0)
            return;
        const double us = seconds * 1e6 / events;
        rows.append({what,
                     QStringLiteral("%1 us = %2/s per core").arg(number(us, 1), number(1e6 / us)),
                     QString(), QString(), QString(), QString()});
    };
    perEvent(QStringLiteral("server_single"), QStringLiteral("server CPU per single POST"));
    perEvent(QStringLiteral("server_batch"),
             QStringLiteral("server CPU per event, batches of 100"));
    const auto cpu = [&](const QString &what, const QJsonValue &value) {
        if (!value.isUndefined())
            rows.append(
                {what, number(value.toDouble(), 2), QString(), QString(), QString(), QString()});
    };
    cpu(QStringLiteral("CPU seconds during the burst: bridge"),
        f[u"e2e"][u"bridge"][u"cpu_seconds"]);
    cpu(QStringLiteral("CPU seconds during the burst: server"),
        f[u"e2e"][u"server"][u"cpu_seconds"]);
    cpu(QStringLiteral("CPU seconds during the burst: mosquitto"),
        f[u"e2e"][u"mosquitto"][u"cpu_seconds"]);
    cpu(QStringLiteral("CPU seconds, server-alone runs: server"),
        f[u"server_alone"][u"server"][u"cpu_seconds"]);
    return rows;
}

void printText(const QList<Row> &rows)
{
    for (const Row &row : rows) {
        const QString line = QStringLiteral("%1 %2 %3 %4 %5 %6")
                                 .arg(row.measure, -58)
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
        const QString line =
            QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                .arg(row.measure, row.vigil, row.baseline, row.ratio, row.target, row.met);
        std::printf("%s\n", line.toUtf8().constData());
    }
}

} // namespace

namespace BenchReport {

int print(const QString &resultsPath, bool markdown)
{
    QFile file(resultsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        BenchCommon::note(QStringLiteral("%1: %2").arg(resultsPath, file.errorString()));
        return 1;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        BenchCommon::note(
            QStringLiteral("%1: not a JSON object: %2").arg(resultsPath, error.errorString()));
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
