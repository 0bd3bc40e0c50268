// ServerConnection against the real vigil-server on a free port: the hello, live events, the
// mode round trip, a server restart with events stored while the dashboard was away, and a
// wrong token.
#include "httptestclient.h"
#include "serverconnection.h"
#include "serverprocess.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int Deadline = 10000;

QJsonObject backendEvent(const QString &type, const QString &device = u"raspberry-1"_s,
                         const QString &source = u"sensor-motion"_s)
{
    return {{u"type"_s, type},
            {u"device_id"_s, device},
            {u"details"_s,
             QJsonObject{{u"event_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                         {u"source"_s, source},
                         {u"data"_s, QJsonObject{{u"gpio_pin"_s, 17}}}}}};
}

} // namespace

class TestServerConnection : public QObject
{
    Q_OBJECT
private:
    // One HTTP request to the server, waited for; returns the status code (0: no answer).
    int request(const QByteArray &verb, const QUrl &url, const QJsonDocument &body = {},
                QJsonDocument *answer = nullptr, const QString &token = {})
    {
        HttpTestClient client(url, token);
        const HttpTestClient::Reply reply =
            client.send(verb, {}, body.isNull() ? QByteArray() : body.toJson());
        if (answer)
            *answer = reply.json();
        return reply.status;
    }

    int post(const ServerProcess &server, const QJsonDocument &body, const QString &token = {})
    {
        return request("POST", server.url().resolved(QUrl(u"/api/events"_s)), body, nullptr, token);
    }

    std::unique_ptr<ServerConnection> connectTo(const ServerProcess &server,
                                                const QString &token = {})
    {
        auto connection = std::make_unique<ServerConnection>();
        connection->setServerUrl(server.url());
        connection->setToken(token);
        connection->setRetryDelays(200, 1000);
        return connection;
    }

private Q_SLOTS:
    void helloFillsTheModels()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QCOMPARE(post(server, QJsonDocument(backendEvent(u"sensor_online"_s))), 201);
        QCOMPARE(post(server, QJsonDocument(backendEvent(u"motion_detected"_s))), 201);
        QCOMPARE(post(server, QJsonDocument(backendEvent(u"button_pressed"_s, u"raspberry-1"_s,
                                                         u"sensor-pressure"_s))),
                 201);

        auto connection = connectTo(server);
        QAbstractItemModelTester events(connection->events());
        QAbstractItemModelTester devices(connection->devices());
        QCOMPARE(connection->status(), ServerConnection::Status::Idle);
        connection->start();
        QTRY_COMPARE_WITH_TIMEOUT(connection->status(), ServerConnection::Status::Connected,
                                  Deadline);
        QTRY_VERIFY_WITH_TIMEOUT(connection->hasData(), Deadline);
        QCOMPARE(connection->events()->count(), 3);
        QCOMPARE(connection->events()->index(0).data(EventListModel::TypeRole).toString(),
                 u"button_pressed"_s);
        QCOMPARE(connection->mode(), u"active"_s);
        QCOMPARE(connection->devices()->count(), 2);
        QCOMPARE(connection->devices()->onlineCount(), 1);
        QVERIFY(connection->errorString().isEmpty());
    }

    void liveEventsArrive()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        auto connection = connectTo(server);
        QAbstractItemModelTester events(connection->events());
        connection->start();
        QTRY_VERIFY_WITH_TIMEOUT(connection->hasData(), Deadline);
        QCOMPARE(connection->events()->count(), 0);

        QCOMPARE(post(server, QJsonDocument(backendEvent(u"motion_detected"_s, u"hall-pi"_s))),
                 201);
        QTRY_COMPARE_WITH_TIMEOUT(connection->events()->count(), 1, Deadline);
        const QModelIndex newest = connection->events()->index(0);
        QCOMPARE(newest.data(EventListModel::DeviceIdRole).toString(), u"hall-pi"_s);
        QCOMPARE(newest.data(EventListModel::SourceRole).toString(), u"sensor-motion"_s);
        QCOMPARE(newest.data(EventListModel::AlertRole).toBool(), false);
        // A sensor never seen before: the device list is fetched again.
        QTRY_COMPARE_WITH_TIMEOUT(connection->devices()->count(), 1, Deadline);

        QCOMPARE(post(server, QJsonDocument(backendEvent(u"sensor_offline"_s, u"hall-pi"_s))), 201);
        QTRY_COMPARE_WITH_TIMEOUT(connection->events()->count(), 2, Deadline);
        QTRY_COMPARE_WITH_TIMEOUT(
            connection->devices()->index(0).data(DeviceListModel::StatusRole).toString(),
            u"offline"_s, Deadline);
    }

    void modeToggleRoundTrips()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        auto connection = connectTo(server);
        auto otherScreen = connectTo(server);
        connection->start();
        otherScreen->start();
        QTRY_VERIFY_WITH_TIMEOUT(connection->hasData() && otherScreen->hasData(), Deadline);
        QCOMPARE(connection->mode(), u"active"_s);

        QSignalSpy modeChanged(connection.get(), &ServerConnection::modeChanged);
        connection->setMode(u"surveillance"_s);
        QVERIFY(connection->isModeChangePending());
        QCOMPARE(connection->mode(), u"active"_s); // nothing changes before the server says so
        QTRY_COMPARE_WITH_TIMEOUT(connection->mode(), u"surveillance"_s, Deadline);
        QTRY_VERIFY_WITH_TIMEOUT(!connection->isModeChangePending(), Deadline);
        QTRY_COMPARE_WITH_TIMEOUT(otherScreen->mode(), u"surveillance"_s, Deadline);
        QJsonDocument stored;
        QCOMPARE(request("GET", server.url().resolved(QUrl(u"/api/mode"_s)), {}, &stored), 200);
        QCOMPARE(stored.object().value("mode"_L1).toString(), u"surveillance"_s);

        // In surveillance a motion is an alert, and the overlay's controller has it.
        QCOMPARE(post(server, QJsonDocument(backendEvent(u"motion_detected"_s))), 201);
        QTRY_VERIFY_WITH_TIMEOUT(connection->alert()->isActive(), Deadline);
        QVERIFY(connection->events()->index(0).data(EventListModel::AlertRole).toBool());

        otherScreen->toggleMode();
        QTRY_COMPARE_WITH_TIMEOUT(connection->mode(), u"active"_s, Deadline);
        QVERIFY(!modeChanged.isEmpty());
    }

    void reconnectAfterARestartCatchesUpMissedEvents()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QCOMPARE(request("PUT", server.url().resolved(QUrl(u"/api/mode"_s)),
                         QJsonDocument(QJsonObject{{u"mode"_s, u"surveillance"_s}})),
                 200);
        QCOMPARE(post(server, QJsonDocument(backendEvent(u"motion_detected"_s))), 201);
        auto connection = connectTo(server);
        QAbstractItemModelTester events(connection->events());
        connection->start();
        QTRY_VERIFY_WITH_TIMEOUT(connection->hasData(), Deadline);
        QCOMPARE(connection->events()->count(), 1);
        QVERIFY(!connection->alert()->isActive());

        // Slow retries, so that the events below are stored before the dashboard is back.
        connection->setRetryDelays(3000, 3000);
        QSignalSpy caughtUp(connection.get(), &ServerConnection::caughtUp);
        server.stop();
        QTRY_COMPARE_WITH_TIMEOUT(connection->status(), ServerConnection::Status::Reconnecting,
                                  Deadline);
        QVERIFY(connection->reconnectInSeconds() > 0);
        QVERIFY(!connection->errorString().isEmpty());
        QVERIFY2(server.restart(&error), qPrintable(error));

        // More than the hello's 50 and two pages of 100: the catch-up pages through GET
        // /api/events.
        constexpr int Missed = 230;
        QJsonArray batch;
        for (int i = 0; i < Missed; ++i)
            batch.append(backendEvent(i == Missed / 2 ? u"motion_detected"_s : u"sensor_online"_s));
        QCOMPARE(post(server, QJsonDocument(batch)), 200);
        const bool storedWhileAway = connection->status() != ServerConnection::Status::Connected;

        QTRY_COMPARE_WITH_TIMEOUT(connection->status(), ServerConnection::Status::Connected,
                                  Deadline);
        QTRY_COMPARE_WITH_TIMEOUT(connection->events()->count(), Missed + 1, Deadline);
        QList<qint64> ids;
        for (int row = 0; row < connection->events()->count(); ++row)
            ids << connection->events()->at(row).id;
        QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), ids.size());
        QVERIFY(std::is_sorted(ids.cbegin(), ids.cend(), std::greater<>()));
        QTRY_VERIFY_WITH_TIMEOUT(connection->alert()->isActive(), Deadline);
        if (storedWhileAway) {
            QTRY_COMPARE_WITH_TIMEOUT(caughtUp.size(), 1, Deadline);
            QCOMPARE(caughtUp.constFirst().constFirst().toInt(), Missed);
        } else {
            qWarning(
                "the dashboard reconnected before the batch was stored; catch-up not exercised");
        }
    }

    void wrongTokenGivesTokenRejected()
    {
        QProcessEnvironment env;
        env.insert(u"API_TOKENS"_s, u"right-token"_s);
        ServerProcess server({}, env);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));

        auto wrong = connectTo(server, u"wrong-token"_s);
        wrong->start();
        QTRY_COMPARE_WITH_TIMEOUT(wrong->status(), ServerConnection::Status::TokenRejected,
                                  Deadline);
        QVERIFY(!wrong->errorString().isEmpty());
        QVERIFY(!wrong->errorString().contains(u"wrong-token"_s));
        QVERIFY(!wrong->hasData());

        auto right = connectTo(server, u"right-token"_s);
        right->start();
        QTRY_COMPARE_WITH_TIMEOUT(right->status(), ServerConnection::Status::Connected, Deadline);
        QTRY_VERIFY_WITH_TIMEOUT(right->hasData(), Deadline);
        right->setMode(u"surveillance"_s);
        QTRY_COMPARE_WITH_TIMEOUT(right->mode(), u"surveillance"_s, Deadline);
    }

    void aServerThatIsNotThereIsUnreachable()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const QUrl url = server.url();
        server.stop(); // its port is now free and nobody listens
        ServerConnection connection;
        connection.setServerUrl(url);
        connection.setRetryDelays(1000, 1000);
        connection.start();
        QCOMPARE(connection.status(), ServerConnection::Status::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(connection.status(), ServerConnection::Status::Unreachable,
                                  Deadline);
        QVERIFY(connection.reconnectInSeconds() > 0);
        QVERIFY(connection.errorString().contains(u"reach"_s));
    }
};

QTEST_GUILESS_MAIN(TestServerConnection)
#include "tst_serverconnection.moc"
