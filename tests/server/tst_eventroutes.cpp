// The smaller holes of the event and device routes, on the real vigil-server over real HTTP:
// details.event_id compared with its JSON type, numbers in query parameters that do not fit,
// GET /api/devices without a bound and details.source without a length limit.
#include "guidepayloads.h"
#include "httptestclient.h"
#include "serverprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace GuidePayloads;

namespace {

QByteArray withEventId(const QString &device, const QJsonValue &eventId)
{
    QJsonObject event = make(u"motion_detected"_s, device);
    QJsonObject details = event.value(u"details").toObject();
    details.insert(u"event_id"_s, eventId);
    event.insert(u"details"_s, details);
    return bytes(event);
}

} // namespace

class tst_EventRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void numberAndStringEventIdsAreDifferent();
    void emptyOrNonScalarEventIdNeverDeduplicates_data();
    void emptyOrNonScalarEventIdNeverDeduplicates();
    void outOfRangeQueryNumbersAre400_data();
    void outOfRangeQueryNumbersAre400();
    void limitAbove1000IsTakenAs1000();
    void overlongSourceIsRefused();
    void devicesAreCapped();

private:
    int countEvents(const QString &device)
    {
        return int(
            m_client->get(u"/api/events?limit=1000&device_id="_s + device).json().array().size());
    }

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

void tst_EventRoutes::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(m_server->url());
}

void tst_EventRoutes::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
    QCOMPARE(m_server->exitCode(), 0);
}

void tst_EventRoutes::numberAndStringEventIdsAreDifferent()
{
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, 5)).status, 201);
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, u"5"_s)).status, 201);
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, true)).status, 201);
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, u"true"_s)).status, 201);
    // The same value with the same type is the same event.
    const auto again = m_client->post(u"/api/events"_s, withEventId(u"typed"_s, 5));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json()[u"details"_s][u"event_id"_s].toInteger(), 5);
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, 5.0)).status, 200);
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, u"5"_s)).status, 200);
    QCOMPARE(m_client->post(u"/api/events"_s, withEventId(u"typed"_s, true)).status, 200);
    QCOMPARE(countEvents(u"typed"_s), 4);
}

void tst_EventRoutes::emptyOrNonScalarEventIdNeverDeduplicates_data()
{
    QTest::addColumn<QJsonValue>("eventId");
    QTest::addRow("empty string") << QJsonValue(u""_s);
    QTest::addRow("object") << QJsonValue(QJsonObject{{u"a"_s, 1}});
    QTest::addRow("array") << QJsonValue(QJsonArray{1, 2});
    QTest::addRow("null") << QJsonValue(QJsonValue::Null);
}

void tst_EventRoutes::emptyOrNonScalarEventIdNeverDeduplicates()
{
    QFETCH(QJsonValue, eventId);
    const QString device = u"nodedup-"_s + QString::fromLatin1(QTest::currentDataTag()).left(5);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_client->post(u"/api/events"_s, withEventId(device, eventId)).status, 201);
    const auto batch =
        m_client->post(u"/api/events"_s, "["_ba + withEventId(device, eventId) + ","_ba +
                                             withEventId(device, eventId) + "]"_ba);
    QCOMPARE(batch.json().object().value(u"stored").toInt(), 2);
    QCOMPARE(countEvents(device), 5);
}

void tst_EventRoutes::outOfRangeQueryNumbersAre400_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addRow("since 1e300") << u"since=1e300"_s << u"since"_s;
    QTest::addRow("since -1e300") << u"since=-1e300"_s << u"since"_s;
    QTest::addRow("since nan") << u"since=nan"_s << u"since"_s;
    QTest::addRow("since inf") << u"since=inf"_s << u"since"_s;
    QTest::addRow("since -inf") << u"since=-inf"_s << u"since"_s;
    QTest::addRow("since 1e17") << u"since=1e17"_s << u"since"_s;
    QTest::addRow("limit 2^63") << u"limit=9223372036854775808"_s << u"limit"_s;
    QTest::addRow("limit 1e3") << u"limit=1e3"_s << u"limit"_s;
    QTest::addRow("limit nan") << u"limit=nan"_s << u"limit"_s;
    QTest::addRow("before_id 2^64") << u"before_id=18446744073709551616"_s << u"before_id"_s;
    QTest::addRow("before_id 1.5") << u"before_id=1.5"_s << u"before_id"_s;
}

void tst_EventRoutes::outOfRangeQueryNumbersAre400()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const auto reply = m_client->get(u"/api/events?"_s + query);
    QCOMPARE(reply.status, 400);
    const QString error = reply.json().object().value(u"error").toString();
    QVERIFY2(error.startsWith(field + u':'), qPrintable(error));
}

void tst_EventRoutes::limitAbove1000IsTakenAs1000()
{
    QCOMPARE(m_client->get(u"/api/events?limit=1000000"_s).status, 200);
    QCOMPARE(m_client->get(u"/api/events?limit=9223372036854775807"_s).status, 200);
    QCOMPARE(m_client->get(u"/api/events?since=0"_s).status, 200);
    QCOMPARE(m_client->get(u"/api/events?since=1700000000.5"_s).status, 200);
}

void tst_EventRoutes::overlongSourceIsRefused()
{
    const auto refused = m_client->post(
        u"/api/events"_s, bytes(make(u"motion_detected"_s, u"long"_s, {}, QString(129, u's'))));
    QCOMPARE(refused.status, 400);
    const QString error = refused.json().object().value(u"error").toString();
    QVERIFY2(error.startsWith(u"details.source:"), qPrintable(error));
    QCOMPARE(m_client
                 ->post(u"/api/events"_s,
                        bytes(make(u"motion_detected"_s, u"long"_s, {}, QString(128, u's'))))
                 .status,
             201);
}

// Every (device_id, source) pair ever seen is a row: a client posting random device ids must not
// make one GET answer with all of them.
void tst_EventRoutes::devicesAreCapped()
{
    QJsonArray batch;
    for (int i = 0; i < 1000; ++i)
        batch.append(make(u"heartbeat"_s, u"many-%1"_s.arg(i, 4, 10, QChar(u'0'))));
    QCOMPARE(m_client->post(u"/api/events"_s, bytes(batch)).status, 200);
    QCOMPARE(m_client->post(u"/api/events"_s, bytes(make(u"heartbeat"_s, u"one-more"_s))).status,
             201);
    const auto devices = m_client->get(u"/api/devices"_s);
    QCOMPARE(devices.status, 200);
    QCOMPARE(devices.json().array().size(), 1000);
}

QTEST_GUILESS_MAIN(tst_EventRoutes)
#include "tst_eventroutes.moc"
