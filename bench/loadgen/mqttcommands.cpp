#include "mqttcommands.h"

#include "benchcommon.h"
#include "benchpublisher.h"
#include "benchsubscriber.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

BenchPublisher::Plan planFrom(const QCommandLineParser &options, const QByteArray &runId)
{
    using BenchCommon::numberOption;
    BenchPublisher::Plan plan;
    plan.host = options.value(u"host"_s);
    plan.port = int(numberOption(options, u"port"_s, 1883));
    plan.topic = options.value(u"topic"_s).toUtf8();
    plan.runId = runId;
    plan.rate = numberOption(options, u"rate"_s, 0);
    plan.count = qint64(numberOption(options, u"count"_s, 50000));
    if (plan.rate > 0 && options.isSet(u"seconds"_s))
        plan.count = qint64(plan.rate * numberOption(options, u"seconds"_s, 20));
    plan.inflight = int(numberOption(options, u"inflight"_s, 100));
    plan.timeoutSeconds = numberOption(options, u"timeout"_s, 300);
    return plan;
}

QByteArray runIdFrom(const QCommandLineParser &options, const QString &prefix)
{
    return options.isSet(u"run-id"_s) ? options.value(u"run-id"_s).toUtf8()
                                      : BenchCommon::newRunId(prefix);
}

} // namespace

namespace MqttCommands {

int publish(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, u"pub"_s);
    const BenchPublisher::Plan plan = planFrom(options, runId);
    BenchPublisher publisher(plan);
    const BenchPublisher::Report report = publisher.run();
    const double seconds = double(report.finishedUs - report.startUs) / 1e6;
    BenchCommon::printResult({
        {u"command"_s, u"publish"_s},
        {u"run_id"_s, QString::fromUtf8(runId)},
        {u"ok"_s, report.ok},
        {u"error"_s, report.error},
        {u"count"_s, plan.count},
        {u"acknowledged"_s, report.acknowledged},
        {u"seconds"_s, std::round(seconds * 1000.0) / 1000.0},
        {u"rate"_s, seconds > 0 ? round2(double(report.acknowledged) / seconds) : 0.0},
    });
    return report.ok ? 0 : 1;
}

int broker(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, u"broker"_s);
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
        {u"command"_s, u"broker"_s},
        {u"ok"_s, all},
        {u"error"_s, report.error},
        {u"count"_s, plan.count},
        {u"received"_s, subscriber.received()},
        {u"seconds"_s, std::round(seconds * 1000.0) / 1000.0},
        {u"rate"_s, seconds > 0 ? round2(double(subscriber.received()) / seconds) : 0.0},
    };
    if (plan.rate > 0) {
        const QJsonObject latency =
            BenchCommon::toJson(BenchCommon::percentiles(subscriber.latenciesMs()), u"ms"_s);
        for (auto it = latency.begin(); it != latency.end(); ++it)
            result.insert(it.key(), it.value());
    }
    BenchCommon::printResult(result);
    return all ? 0 : 1;
}

} // namespace MqttCommands
