#include "pipelinecommands.h"

#include "benchcommon.h"
#include "benchpublisher.h"
#include "latencyprobe.h"
#include "storewatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QTimer>

#include <cmath>
#include <thread>
#include <utility>

using BenchCommon::numberOption;

namespace {

double rounded(double value, double scale = 1000.0)
{
    return std::round(value * scale) / scale;
}

QUrl serverUrl(const QCommandLineParser &options)
{
    return QUrl(options.value(QStringLiteral("server")));
}

BenchPublisher::Plan publishPlan(const QCommandLineParser &options, const QByteArray &runId)
{
    BenchPublisher::Plan plan;
    plan.host = options.value(QStringLiteral("host"));
    plan.port = int(numberOption(options, QStringLiteral("port"), 1883));
    plan.topic = options.value(QStringLiteral("topic")).toUtf8();
    plan.runId = runId;
    plan.count = qint64(numberOption(options, QStringLiteral("count"), 50000));
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

int failWith(const QString &reason)
{
    BenchCommon::note(reason);
    return 1;
}

} // namespace

namespace PipelineCommands {

int endToEnd(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, QStringLiteral("e2e"));
    const BenchPublisher::Plan plan = publishPlan(options, runId);
    BenchStoreWatcher watcher(serverUrl(options), runId);
    BenchPublisher::Report publishReport;
    std::thread publishing;
    qint64 startUs = 0;
    int status = 1;

    QObject::connect(&watcher, &BenchStoreWatcher::failed, qApp,
                     [](const QString &reason) { QCoreApplication::exit(failWith(reason)); });
    QObject::connect(&watcher, &BenchStoreWatcher::newestFetched, qApp, [&](qint64 baseline) {
        startUs = BenchCommon::nowUs();
        // The publisher blocks in its own thread; the event loop keeps polling the server.
        publishing =
            std::thread([&publishReport, plan] { publishReport = BenchPublisher(plan).run(); });
        watcher.watch(baseline, plan.count, plan.timeoutSeconds);
    });
    QObject::connect(
        &watcher, &BenchStoreWatcher::finished, qApp, [&](const BenchStoreWatcher::Result &result) {
            publishing.join();
            const double seconds =
                result.reachedUs > 0 ? double(result.reachedUs - startUs) / 1e6 : 0;
            const double published = double(publishReport.finishedUs - publishReport.startUs) / 1e6;
            BenchCommon::printResult({
                {QStringLiteral("command"), QStringLiteral("e2e")},
                {QStringLiteral("ok"), result.complete && publishReport.ok},
                {QStringLiteral("error"), publishReport.error},
                {QStringLiteral("count"), plan.count},
                {QStringLiteral("stored"), result.found},
                {QStringLiteral("lost"), plan.count - result.found},
                {QStringLiteral("publish_seconds"), rounded(published)},
                {QStringLiteral("seconds"), rounded(seconds)},
                {QStringLiteral("rate"),
                 seconds > 0 ? rounded(double(result.found) / seconds, 1) : 0.0},
            });
            status = result.complete && publishReport.ok ? 0 : 1;
            QCoreApplication::exit(status);
        });
    watcher.fetchNewest();
    QCoreApplication::exec();
    if (publishing.joinable())
        publishing.join();
    return status;
}

int latency(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, QStringLiteral("lat"));
    BenchPublisher::Plan plan = publishPlan(options, runId);
    plan.rate = numberOption(options, QStringLiteral("rate"), 200);
    const double seconds = numberOption(options, QStringLiteral("seconds"), 20);
    plan.count = qint64(plan.rate * seconds);
    QUrl webSocketUrl = serverUrl(options);
    webSocketUrl.setScheme(QStringLiteral("ws"));
    webSocketUrl.setPath(QStringLiteral("/ws"));
    BenchLatencyProbe probe(webSocketUrl, runId);
    BenchPublisher::Report publishReport;
    std::thread publishing;
    bool done = false;

    const auto finish = [&] {
        if (std::exchange(done, true))
            return;
        if (publishing.joinable())
            publishing.join();
        QJsonObject result{
            {QStringLiteral("command"), QStringLiteral("latency")},
            {QStringLiteral("ok"), publishReport.ok && probe.received() == plan.count},
            {QStringLiteral("rate"), plan.rate},
            {QStringLiteral("count"), plan.count},
            {QStringLiteral("received"), probe.received()},
        };
        const QJsonObject spread = BenchCommon::toJson(
            BenchCommon::percentiles(probe.latenciesMs()), QStringLiteral("ms"));
        for (auto it = spread.begin(); it != spread.end(); ++it)
            result.insert(it.key(), it.value());
        BenchCommon::printResult(result);
        QCoreApplication::exit(probe.received() == plan.count ? 0 : 1);
    };
    QObject::connect(&probe, &BenchLatencyProbe::failed, qApp,
                     [](const QString &reason) { QCoreApplication::exit(failWith(reason)); });
    QObject::connect(&probe, &BenchLatencyProbe::ready, qApp, [&] {
        publishing =
            std::thread([&publishReport, plan] { publishReport = BenchPublisher(plan).run(); });
        // Bounded: the paced run plus ten seconds for stragglers.
        QTimer::singleShot(int((seconds + 10) * 1000), qApp, finish);
    });
    QObject::connect(&probe, &BenchLatencyProbe::eventReceived, qApp, [&](qint64 total) {
        if (total == plan.count)
            finish();
    });
    probe.open();
    const int status = QCoreApplication::exec();
    if (publishing.joinable())
        publishing.join();
    return status;
}

int drain(const QCommandLineParser &options)
{
    const QByteArray runId = runIdFrom(options, QStringLiteral("drain"));
    const auto count = qint64(numberOption(options, QStringLiteral("count"), 10000));
    const auto baseline = qint64(numberOption(options, QStringLiteral("baseline"), 0));
    const double timeout = numberOption(options, QStringLiteral("timeout"), 300);
    BenchStoreWatcher watcher(serverUrl(options), runId);
    const qint64 startUs = BenchCommon::nowUs();
    int status = 1;
    QObject::connect(
        &watcher, &BenchStoreWatcher::finished, qApp, [&](const BenchStoreWatcher::Result &result) {
            const auto since = [startUs](qint64 us) {
                return us > 0 ? rounded(double(us - startUs) / 1e6) : -1.0;
            };
            BenchCommon::printResult({
                {QStringLiteral("command"), QStringLiteral("drain")},
                {QStringLiteral("ok"), result.complete},
                {QStringLiteral("count"), count},
                {QStringLiteral("stored"), result.found},
                {QStringLiteral("lost"), count - result.found},
                {QStringLiteral("server_answered_seconds"), since(result.firstAnswerUs)},
                {QStringLiteral("seconds"), since(result.reachedUs)},
            });
            status = result.complete ? 0 : 1;
            QCoreApplication::exit(status);
        });
    watcher.watch(baseline, count, timeout);
    QCoreApplication::exec();
    return status;
}

int newestId(const QCommandLineParser &options)
{
    BenchStoreWatcher watcher(serverUrl(options), QByteArray());
    int status = 1;
    QObject::connect(&watcher, &BenchStoreWatcher::failed, qApp,
                     [](const QString &reason) { QCoreApplication::exit(failWith(reason)); });
    QObject::connect(&watcher, &BenchStoreWatcher::newestFetched, qApp, [&](qint64 id) {
        BenchCommon::printResult({{QStringLiteral("newest_id"), id}});
        status = 0;
        QCoreApplication::exit(0);
    });
    watcher.fetchNewest();
    QCoreApplication::exec();
    return status;
}

} // namespace PipelineCommands
