#include "mqttcommands.h"

#include "benchcommon.h"
#include "benchpublisher.h"
#include "benchsubscriber.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <cmath>

namespace {

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

BenchPublisher::Plan planFrom(const QCommandLineParser &options, const QByteArray &runId)
{
    using BenchCommon::numberOption;
    BenchPublisher::Plan plan;
    plan.host = options.value(QStringLiteral("host"));
    plan.port = int(numberOption(options, QStringLiteral("port"), 1883));
    plan.topic = options.value(QStringLiteral("topic")).toUtf8();
    plan.runId = runId;
    plan.rate = numberOption(options, QStringLiteral("rate"), 0);
    plan.count = qint64(numberOption(options, QStringLiteral("count"), 50000));
    if (plan.rate > 0 && options.isSet(QStringLiteral("seconds")))
        plan.count = qint64(plan.rate * numberOption(options, QStringLiteral("seconds"), 20));
    plan.inflight = int(numberOption(options, QStringLiteral("inflight"), 100));
    plan.timeoutSeconds = numberOption(options, QStringLiteral("timeout"), 300);
    return plan;
}

QByteArray runIdFrom(const QCommandLineParser &options, const QString &prefix)
{
    return options.isSet(QStringLiteral("run-id"))
               ? options.value(QStringLiteral("run-id")).toUtf8()
               : BenchCommon::newRunId(prefix);
}

} // namespace

namespace MqttCommands {

int publish(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, QStringLiteral("pub"));
    const BenchPublisher::Plan plan = planFrom(options, runId);
    BenchPublisher publisher(plan);
    const BenchPublisher::Report report = publisher.run();
    const double seconds = double(report.finishedUs - report.startUs) / 1e6;
    BenchCommon::printResult({
        {QStringLiteral("command"), QStringLiteral("publish")},
        {QStringLiteral("run_id"), QString::fromUtf8(runId)},
        {QStringLiteral("ok"), report.ok},
        {QStringLiteral("error"), report.error},
        {QStringLiteral("count"), plan.count},
        {QStringLiteral("acknowledged"), report.acknowledged},
        {QStringLiteral("seconds"), std::round(seconds * 1000.0) / 1000.0},
        {QStringLiteral("rate"), seconds > 0 ? round2(double(report.acknowledged) / seconds) : 0.0},
    });
    return report.ok ? 0 : 1;
}

int broker(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, QStringLiteral("broker"));
    const BenchPublisher::Plan plan = planFrom(options, runId);
    BenchSubscriber subscriber(plan.host, plan.port, plan.topic, runId);
    QString error;
    if (!subscriber.start(&error)) {
        BenchCommon::note(error);
        return 1;
    }
    BenchPublisher publisher(plan);
    const BenchPublisher::Report report = publisher.run();
    const bool all = report.ok && subscriber.waitFor(plan.count, plan.timeoutSeconds);
    const double seconds = double(subscriber.lastArrivalUs() - report.startUs) / 1e6;
    QJsonObject result{
        {QStringLiteral("command"), QStringLiteral("broker")},
        {QStringLiteral("ok"), all},
        {QStringLiteral("error"), report.error},
        {QStringLiteral("count"), plan.count},
        {QStringLiteral("received"), subscriber.received()},
        {QStringLiteral("seconds"), std::round(seconds * 1000.0) / 1000.0},
        {QStringLiteral("rate"),
         seconds > 0 ? round2(double(subscriber.received()) / seconds) : 0.0},
    };
    if (plan.rate > 0) {
        const QJsonObject latency = BenchCommon::toJson(
            BenchCommon::percentiles(subscriber.latenciesMs()), QStringLiteral("ms"));
        for (auto it = latency.begin(); it != latency.end(); ++it)
            result.insert(it.key(), it.value());
    }
    BenchCommon::printResult(result);
    return all ? 0 : 1;
}

} // namespace MqttCommands
