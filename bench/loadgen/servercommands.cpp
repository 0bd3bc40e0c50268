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

using BenchCommon::numberOption;

namespace {

QUrl serverUrl(const QCommandLineParser &options)
{
    return QUrl(options.value(QStringLiteral("server")));
}

QByteArray runIdFrom(const QCommandLineParser &options, const QString &prefix)
{
    return options.isSet(QStringLiteral("run-id"))
               ? options.value(QStringLiteral("run-id")).toUtf8()
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
    const auto count = qint64(numberOption(options, QStringLiteral("count"), 20000));
    const int batch = int(numberOption(options, QStringLiteral("batch"), 1));
    const int parallel = int(numberOption(options, QStringLiteral("parallel"), 8));
    BenchHttpLoad load(serverUrl(options), runIdFrom(options, QStringLiteral("post")));
    int status = 1;
    QObject::connect(&load, &BenchHttpLoad::finished, qApp, [&](const BenchHttpLoad::Result &r) {
        const double seconds = r.seconds;
        BenchCommon::printResult({
            {QStringLiteral("command"), QStringLiteral("post")},
            {QStringLiteral("ok"), r.failures == 0},
            {QStringLiteral("error"), r.firstError},
            {QStringLiteral("batch"), batch},
            {QStringLiteral("parallel"), parallel},
            {QStringLiteral("events"), r.events},
            {QStringLiteral("requests"), r.requests},
            {QStringLiteral("failures"), r.failures},
            {QStringLiteral("seconds"), std::round(seconds * 1000.0) / 1000.0},
            {QStringLiteral("events_per_second"),
             seconds > 0 ? std::round(double(r.events) / seconds) : 0.0},
            {QStringLiteral("requests_per_second"),
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
    const int requests = int(numberOption(options, QStringLiteral("requests"), 1000));
    const int limit = int(numberOption(options, QStringLiteral("limit"), 100));
    BenchReadProbe probe(serverUrl(options));
    QObject::connect(&probe, &BenchReadProbe::finished, qApp, [&] {
        QJsonObject result{
            {QStringLiteral("command"), QStringLiteral("get")},
            {QStringLiteral("ok"), probe.failures() == 0 && probe.lastCount() == limit},
            {QStringLiteral("limit"), limit},
            {QStringLiteral("returned"), probe.lastCount()},
            {QStringLiteral("failures"), probe.failures()},
        };
        merge(&result, BenchCommon::toJson(BenchCommon::percentiles(probe.latenciesMs()),
                                           QStringLiteral("ms")));
        BenchCommon::printResult(result);
        QCoreApplication::exit(probe.failures() == 0 ? 0 : 1);
    });
    probe.start(requests, limit);
    return QCoreApplication::exec();
}

int fanout(const QCommandLineParser &options)
{
    const int clients = int(numberOption(options, QStringLiteral("clients"), 500));
    const int rounds = int(numberOption(options, QStringLiteral("rounds"), 20));
    BenchFanoutProbe probe(serverUrl(options), runIdFrom(options, QStringLiteral("fan")));
    bool done = false;
    const auto report = [&](const QString &error) {
        if (std::exchange(done, true))
            return;
        QJsonObject result{
            {QStringLiteral("command"), QStringLiteral("fanout")},
            {QStringLiteral("ok"), error.isEmpty() && probe.missedRounds() == 0},
            {QStringLiteral("error"), error},
            {QStringLiteral("clients"), clients},
            {QStringLiteral("connect_ms"), probe.connectMs()},
            {QStringLiteral("missed_rounds"), probe.missedRounds()},
        };
        merge(&result, BenchCommon::toJson(BenchCommon::percentiles(probe.roundsMs()),
                                           QStringLiteral("ms")));
        BenchCommon::printResult(result);
        QCoreApplication::exit(error.isEmpty() ? 0 : 1);
    };
    QObject::connect(&probe, &BenchFanoutProbe::finished, qApp, [&] { report(QString()); });
    QObject::connect(&probe, &BenchFanoutProbe::failed, qApp, report);
    probe.start(clients, rounds);
    return QCoreApplication::exec();
}

} // namespace ServerCommands
