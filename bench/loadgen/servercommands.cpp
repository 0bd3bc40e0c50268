#include "servercommands.h"

#include "benchcommon.h"
#include "fanoutprobe.h"
#include "httpload.h"
#include "readprobe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

using BenchCommon::numberOption;

namespace {

QUrl serverUrl(const QCommandLineParser &options)
{
    return QUrl(options.value(u"server"_s));
}

QByteArray runIdFrom(const QCommandLineParser &options, const QString &prefix)
{
    return options.isSet(u"run-id"_s) ? options.value(u"run-id"_s).toUtf8()
                                      : BenchCommon::newRunId(prefix);
}

void merge(QJsonObject *into, const QJsonObject &from)
{
    for (auto it = from.begin(); it != from.end(); ++it)
        into->insert(it.key(), it.value());
}

} // namespace

namespace ServerCommands {

int post(const QCommandLineParser &options)
{
    const auto count = qint64(numberOption(options, u"count"_s, 20000));
    const int batch = int(numberOption(options, u"batch"_s, 1));
    const int parallel = int(numberOption(options, u"parallel"_s, 8));
    BenchHttpLoad load(serverUrl(options), runIdFrom(options, u"post"_s));
    int status = 1;
    QObject::connect(&load, &BenchHttpLoad::finished, qApp, [&](const BenchHttpLoad::Result &r) {
        const double seconds = r.seconds;
        BenchCommon::printResult({
            {u"command"_s, u"post"_s},
            {u"ok"_s, r.failures == 0},
            {u"error"_s, r.firstError},
            {u"batch"_s, batch},
            {u"parallel"_s, parallel},
            {u"events"_s, r.events},
            {u"requests"_s, r.requests},
            {u"failures"_s, r.failures},
            {u"seconds"_s, std::round(seconds * 1000.0) / 1000.0},
            {u"events_per_second"_s, seconds > 0 ? std::round(double(r.events) / seconds) : 0.0},
            {u"requests_per_second"_s,
             seconds > 0 ? std::round(double(r.requests) / seconds) : 0.0},
        });
        status = r.failures == 0 ? 0 : 1;
        QCoreApplication::exit(status);
    });
    load.start(count, batch, parallel);
    QCoreApplication::exec();
    return status;
}

int get(const QCommandLineParser &options)
{
    const int requests = int(numberOption(options, u"requests"_s, 1000));
    const int limit = int(numberOption(options, u"limit"_s, 100));
    BenchReadProbe probe(serverUrl(options));
    QObject::connect(&probe, &BenchReadProbe::finished, qApp, [&] {
        QJsonObject result{
            {u"command"_s, u"get"_s},
            {u"ok"_s, probe.failures() == 0 && probe.lastCount() == limit},
            {u"limit"_s, limit},
            {u"returned"_s, probe.lastCount()},
            {u"failures"_s, probe.failures()},
        };
        merge(&result, BenchCommon::toJson(BenchCommon::percentiles(probe.latenciesMs()), u"ms"_s));
        BenchCommon::printResult(result);
        QCoreApplication::exit(probe.failures() == 0 ? 0 : 1);
    });
    probe.start(requests, limit);
    return QCoreApplication::exec();
}

int fanout(const QCommandLineParser &options)
{
    const int clients = int(numberOption(options, u"clients"_s, 500));
    const int rounds = int(numberOption(options, u"rounds"_s, 20));
    BenchFanoutProbe probe(serverUrl(options), runIdFrom(options, u"fan"_s));
    bool done = false;
    const auto report = [&](const QString &error) {
        if (std::exchange(done, true))
            return;
        QJsonObject result{
            {u"command"_s, u"fanout"_s},
            {u"ok"_s, error.isEmpty() && probe.missedRounds() == 0},
            {u"error"_s, error},
            {u"clients"_s, clients},
            {u"connect_ms"_s, probe.connectMs()},
            {u"missed_rounds"_s, probe.missedRounds()},
        };
        merge(&result, BenchCommon::toJson(BenchCommon::percentiles(probe.roundsMs()), u"ms"_s));
        BenchCommon::printResult(result);
        QCoreApplication::exit(error.isEmpty() ? 0 : 1);
    };
    QObject::connect(&probe, &BenchFanoutProbe::finished, qApp, [&] { report(QString()); });
    QObject::connect(&probe, &BenchFanoutProbe::failed, qApp, report);
    probe.start(clients, rounds);
    return QCoreApplication::exec();
}

} // namespace ServerCommands
