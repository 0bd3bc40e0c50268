#include "soakcommands.h"

#include "benchcommon.h"
#include "websocketchurn.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

using BenchCommon::numberOption;

namespace {

constexpr int TickMs = 5;

} // namespace

namespace SoakCommands {

int edges(const QCommandLineParser &options)
{
    const double rate = numberOption(options, u"rate"_s, 50);
    const double seconds = numberOption(options, u"seconds"_s, 60);
    const auto total = qint64(rate * seconds);
    qint64 written = 0;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, qApp, [&] {
        const qint64 due = std::min(total, qint64(double(clock.elapsed()) * rate / 1000.0));
        for (; written < due; ++written)
            std::fputs("1\n0\n", stdout);
        std::fflush(stdout);
        if (written < total)
            return;
        tick.stop();
        std::fclose(stdout); // EOF: the agent publishes SENSOR_OFFLINE and exits
        const QJsonObject result{{u"command"_s, u"edges"_s},
                                 {u"ok"_s, true},
                                 {u"edges"_s, written},
                                 {u"seconds"_s, double(clock.elapsed()) / 1000.0}};
        std::fprintf(stderr, "%s\n",
                     QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        QCoreApplication::exit(0);
    });
    clock.start();
    tick.start(TickMs);
    return QCoreApplication::exec();
}

int webSocketClients(const QCommandLineParser &options)
{
    const int clients = int(numberOption(options, u"clients"_s, 20));
    const double seconds = numberOption(options, u"seconds"_s, 60);
    const auto seed = quint32(numberOption(options, u"seed"_s, 1));
    BenchWebSocketChurn churn(QUrl(options.value(u"server"_s)), seed);
    QTimer::singleShot(int(seconds * 1000), qApp, [&] {
        BenchCommon::printResult({
            {u"command"_s, u"wsclients"_s},
            {u"ok"_s, churn.hellos() > 0},
            {u"clients"_s, clients},
            {u"seed"_s, qint64(seed)},
            {u"connects"_s, churn.connects()},
            {u"hellos"_s, churn.hellos()},
            {u"messages"_s, churn.messages()},
            {u"closed_by_client"_s, churn.closedByUs()},
            {u"dropped_by_server"_s, churn.dropped()},
            {u"errors"_s, churn.errors()},
            {u"connected_at_end"_s, churn.connectedNow()},
        });
        QCoreApplication::exit(churn.hellos() > 0 ? 0 : 1);
    });
    churn.start(clients);
    return QCoreApplication::exec();
}

} // namespace SoakCommands
