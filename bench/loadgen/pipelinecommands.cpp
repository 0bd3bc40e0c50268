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

using namespace Qt::StringLiterals;

using BenchCommon::numberOption;

namespace {

double rounded(double value, double scale = 1000.0)
{
    return std::round(value * scale) / scale;
}

QUrl serverUrl(const QCommandLineParser &options)
{
    return QUrl(options.value(u"server"_s));
}

BenchPublisher::Plan publishPlan(const QCommandLineParser &options, const QByteArray &runId)
{
    BenchPublisher::Plan plan;
    plan.host = options.value(u"host"_s);
    plan.port = int(numberOption(options, u"port"_s, 1883));
    plan.topic = options.value(u"topic"_s).toUtf8();
    plan.runId = runId;
    plan.count = qint64(numberOption(options, u"count"_s, 50000));
    plan.inflight = int(numberOption(options, u"inflight"_s, 100));
    plan.timeoutSeconds = numberOption(options, u"timeout"_s, 300);
    return plan;
}

QByteArray runIdFrom(const QCommandLineParser &options, const QString &prefix)
{
    return options.isSet(u"run-id"_s) ? options.value(u"run-id"_s).toUtf8()
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
    const QByteArray runId = runIdFrom(options, u"e2e"_s);
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
                {u"command"_s, u"e2e"_s},
                {u"ok"_s, result.complete && publishReport.ok},
                {u"error"_s, publishReport.error},
                {u"count"_s, plan.count},
                {u"stored"_s, result.found},
                {u"lost"_s, plan.count - result.found},
                {u"publish_seconds"_s, rounded(published)},
                {u"seconds"_s, rounded(seconds)},
                {u"rate"_s, seconds > 0 ? rounded(double(result.found) / seconds, 1) : 0.0},
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
    const QByteArray runId = runIdFrom(options, u"lat"_s);
    BenchPublisher::Plan plan = publishPlan(options, runId);
    plan.rate = numberOption(options, u"rate"_s, 200);
    const double seconds = numberOption(options, u"seconds"_s, 20);
    plan.count = qint64(plan.rate * seconds);
    QUrl webSocketUrl = serverUrl(options);
    webSocketUrl.setScheme(u"ws"_s);
    webSocketUrl.setPath(u"/ws"_s);
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
            {u"command"_s, u"latency"_s},
            {u"ok"_s, publishReport.ok && probe.received() == plan.count},
            {u"rate"_s, plan.rate},
            {u"count"_s, plan.count},
            {u"received"_s, probe.received()},
        };
        const QJsonObject spread =
            BenchCommon::toJson(BenchCommon::percentiles(probe.latenciesMs()), u"ms"_s);
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
    const QByteArray runId = runIdFrom(options, u"drain"_s);
    const auto count = qint64(numberOption(options, u"count"_s, 10000));
    const auto baseline = qint64(numberOption(options, u"baseline"_s, 0));
    const double timeout = numberOption(options, u"timeout"_s, 300);
    BenchStoreWatcher watcher(serverUrl(options), runId);
    const qint64 startUs = BenchCommon::nowUs();
    int status = 1;
    QObject::connect(&watcher, &BenchStoreWatcher::finished, qApp,
                     [&](const BenchStoreWatcher::Result &result) {
                         const auto since = [startUs](qint64 us) {
                             return us > 0 ? rounded(double(us - startUs) / 1e6) : -1.0;
                         };
                         BenchCommon::printResult({
                             {u"command"_s, u"drain"_s},
                             {u"ok"_s, result.complete},
                             {u"count"_s, count},
                             {u"stored"_s, result.found},
                             {u"lost"_s, count - result.found},
                             {u"server_answered_seconds"_s, since(result.firstAnswerUs)},
                             {u"seconds"_s, since(result.reachedUs)},
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
        BenchCommon::printResult({{u"newest_id"_s, id}});
        status = 0;
        QCoreApplication::exit(0);
    });
    watcher.fetchNewest();
    QCoreApplication::exec();
    return status;
}

} // namespace PipelineCommands
