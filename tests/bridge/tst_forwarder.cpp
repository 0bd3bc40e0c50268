#include "bridgestatus.h"
#include "bridgetestbackend.h"
#include "forwarder.h"
#include "freeport.h"
#include "guideoutboxevents.h"
#include "outbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList eventIds(int from, int count)
{
    QStringList ids;
    for (int n = from; n < from + count; ++n)
        ids.append(u"ev-%1"_s.arg(n));
    return ids;
}

// One outbox file and one forwarder aimed at a backend URL, with fast retries for the tests.
struct Fixture
{
    QTemporaryDir dir;
    Outbox outbox{dir.filePath(u"outbox.db"_s)};
    std::unique_ptr<Forwarder> forwarder;

    bool open(const QUrl &backend, const QString &token = {}, int maxBatchEvents = 500,
              qint64 maxBatchBytes = 512 * 1024)
    {
        QString error;
        if (!outbox.open(Outbox::Sync::Normal, &error)) {
            qWarning() << error;
            return false;
        }
        Forwarder::Options options;
        options.backendUrl = backend;
        options.token = token;
        options.maxBatchEvents = maxBatchEvents;
        options.maxBatchBytes = maxBatchBytes;
        options.transferTimeoutMs = 500;
        forwarder = std::make_unique<Forwarder>(&outbox, options);
        forwarder->setBackoffLimits(20, 200);
        return true;
    }

    bool add(int from, int count)
    {
        QList<OutboxEvent> events = GuideOutboxEvents::motions(from, count);
        QString error;
        if (!outbox.append(&events, &error))
            return false;
        forwarder->wake();
        return true;
    }
};

} // namespace

class tst_Forwarder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsUrlAppendsTheApiPath()
    {
        QCOMPARE(Forwarder::eventsUrl(QUrl(u"http://h:8000"_s)),
                 QUrl(u"http://h:8000/api/events"_s));
        QCOMPARE(Forwarder::eventsUrl(QUrl(u"https://h/vigil/"_s)),
                 QUrl(u"https://h/vigil/api/events"_s));
    }

    void aLoneEventGoesAsAnObjectWithTheToken()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        Fixture fixture;
        QVERIFY(fixture.open(backend.url(), u"s3cret"_s));
        QVERIFY(fixture.add(0, 1));
        QTRY_COMPARE(backend.stored().size(), 1);
        const BridgeTestBackend::Request request = backend.requests().constFirst();
        QVERIFY(!request.batch);
        QCOMPARE(request.authorization, QByteArray("Bearer s3cret"));
        QCOMPARE(QJsonDocument::fromJson(request.body).object(),
                 QJsonDocument::fromJson(GuideOutboxEvents::motion(0).body).object());
        QTRY_COMPARE(fixture.outbox.depth(), 0);
        QString error;
        QVERIFY(BridgeStatus::read(fixture.outbox.path(), &error)->lastDeliveryAtMs > 0);
    }

    void aBacklogGoesInBatchesInOrder()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        Fixture fixture;
        QVERIFY(fixture.open(backend.url()));
        QVERIFY(fixture.add(0, 1234)); // wake() with 1234 waiting
        QTRY_COMPARE_WITH_TIMEOUT(backend.stored().size(), 1234, 20000);
        QCOMPARE(backend.storedEventIds(), eventIds(0, 1234));
        QCOMPARE(backend.duplicates(), 0);
        const QList<BridgeTestBackend::Request> requests = backend.requests();
        QCOMPARE(requests.size(), 3); // 500 + 500 + 234
        for (const BridgeTestBackend::Request &request : requests) {
            QVERIFY(request.batch);
            QVERIFY(QJsonDocument::fromJson(request.body).array().size() <= 500);
        }
        QTRY_COMPARE(fixture.outbox.depth(), 0);
    }

    void batchesStayUnderMaxBytes()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        Fixture fixture;
        const qint64 maxBytes = 4096;
        QVERIFY(fixture.open(backend.url(), {}, 500, maxBytes));
        QVERIFY(fixture.add(0, 300));
        QTRY_COMPARE_WITH_TIMEOUT(backend.stored().size(), 300, 20000);
        QCOMPARE(backend.storedEventIds(), eventIds(0, 300));
        for (const BridgeTestBackend::Request &request : backend.requests())
            QVERIFY2(request.body.size() <= maxBytes + 600,
                     qPrintable(QString::number(request.body.size())));
    }

    void serverErrorsAreRetriedWithBackoff()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.answerNext(500, 2);
        backend.answerNext(429);
        Fixture fixture;
        QVERIFY(fixture.open(backend.url()));
        QSignalSpy retries(fixture.forwarder.get(), &Forwarder::retryScheduled);
        QVERIFY(fixture.add(0, 3));
        QTRY_COMPARE(backend.stored().size(), 3);
        QCOMPARE(retries.size(), 3);
        QVERIFY(retries.at(0).at(1).toString().contains(u"HTTP 500: scripted failure 500"_s));
        QCOMPARE(backend.storedEventIds(), eventIds(0, 3));
        QString error;
        QVERIFY(
            BridgeStatus::read(fixture.outbox.path(), &error)->lastError.contains(u"HTTP 429"_s));
    }

    void retryAfterIsHonoured()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.answerNext(503, 1, "1");
        Fixture fixture;
        QVERIFY(fixture.open(backend.url()));
        QSignalSpy retries(fixture.forwarder.get(), &Forwarder::retryScheduled);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(fixture.add(0, 1));
        QTRY_COMPARE(backend.stored().size(), 1);
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.at(0).at(0).toLongLong(), 1000); // not the 20..200 ms backoff
        QVERIFY(clock.elapsed() >= 1000);
    }

    void unreachableBackendKeepsEverythingUntilItComes()
    {
        const quint16 port = FreePort::find();
        QVERIFY(port != 0);
        Fixture fixture;
        QVERIFY(fixture.open(QUrl(u"http://127.0.0.1:%1"_s.arg(port))));
        QSignalSpy retries(fixture.forwarder.get(), &Forwarder::retryScheduled);
        QVERIFY(fixture.add(0, 50));
        QTRY_VERIFY(retries.size() >= 3);
        QCOMPARE(fixture.outbox.depth(), 50);
        QVERIFY(fixture.add(50, 50));

        BridgeTestBackend backend;
        QVERIFY(backend.listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(backend.stored().size(), 100, 10000);
        QCOMPARE(backend.storedEventIds(), eventIds(0, 100));
        QCOMPARE(backend.duplicates(), 0);
        QTRY_COMPARE(fixture.outbox.depth(), 0);
    }

    void aSilentBackendTimesOutAndIsRetried()
    {
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        Fixture fixture;
        QVERIFY(fixture.open(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()))));
        QSignalSpy retries(fixture.forwarder.get(), &Forwarder::retryScheduled);
        QVERIFY(fixture.add(0, 1));
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 1, 5000);
        QVERIFY(retries.at(0).at(1).toString().contains(u"no answer within"_s));
        QCOMPARE(fixture.outbox.depth(), 1);
    }

    void rejectedTokenKeepsEverything()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.setRequiredToken("right");
        {
            Fixture fixture;
            QVERIFY(fixture.open(backend.url(), u"t0ken-xyz"_s));
            QSignalSpy retries(fixture.forwarder.get(), &Forwarder::retryScheduled);
            QVERIFY(fixture.add(0, 20));
            QTRY_VERIFY(retries.size() >= 3);
            QCOMPARE(fixture.outbox.depth(), 20);
            QCOMPARE(fixture.outbox.deadLetterCount(), 0);
            QVERIFY(backend.stored().isEmpty());
            QVERIFY(retries.constLast().at(1).toString().contains(u"HTTP 401"_s));
            // The token itself is never part of what is logged or recorded.
            QVERIFY(!retries.constLast().at(1).toString().contains(u"t0ken-xyz"_s));

            // The operator fixes the token: the same outbox delivers everything.
            fixture.forwarder.reset();
            Forwarder::Options options;
            options.backendUrl = backend.url();
            options.token = u"right"_s;
            Forwarder fixed(&fixture.outbox, options);
            fixed.wake();
            QTRY_COMPARE(backend.stored().size(), 20);
            QCOMPARE(backend.storedEventIds(), eventIds(0, 20));
        }
    }

    void aRefusedSingleEventBecomesADeadLetterAndDoesNotBlock()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.refuseEventId(u"ev-0"_s, BridgeTestBackend::BatchRefusal::WholeBatch400);
        Fixture fixture;
        QVERIFY(fixture.open(backend.url()));
        QSignalSpy dead(fixture.forwarder.get(), &Forwarder::deadLettered);
        QVERIFY(fixture.add(0, 1));
        QTRY_COMPARE(dead.size(), 1);
        QVERIFY(fixture.add(1, 1));
        QTRY_COMPARE(backend.storedEventIds(), eventIds(1, 1));
        QCOMPARE(fixture.outbox.deadLetterCount(), 1);
        QString error;
        const std::optional<BridgeStatus> status =
            BridgeStatus::read(fixture.outbox.path(), &error);
        QCOMPARE(status->recentDeadLetters.constFirst().event.eventId, u"ev-0"_s);
        QCOMPARE(status->recentDeadLetters.constFirst().httpStatus, 400);
        QCOMPARE(status->recentDeadLetters.constFirst().error, u"type: refused by the test"_s);
    }

    void a400BatchIsRetriedOneByOneToIsolateTheBadEvent()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.refuseEventId(u"ev-4"_s, BridgeTestBackend::BatchRefusal::WholeBatch400);
        Fixture fixture;
        QVERIFY(fixture.open(backend.url()));
        QVERIFY(fixture.add(0, 10));
        QTRY_COMPARE(fixture.outbox.depth(), 0);
        QStringList expected = eventIds(0, 10);
        expected.removeAll(u"ev-4"_s);
        QCOMPARE(backend.storedEventIds(), expected);
        QCOMPARE(fixture.outbox.deadLetterCount(), 1);
        QCOMPARE(fixture.forwarder->deadLetteredTotal(), 1);
        QCOMPARE(fixture.forwarder->deliveredTotal(), 9);
    }

    void batchRejectionsBecomeDeadLettersAlone()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.refuseEventId(u"ev-2"_s, BridgeTestBackend::BatchRefusal::RejectedList);
        Fixture fixture;
        QVERIFY(fixture.open(backend.url()));
        QVERIFY(fixture.add(0, 6));
        QTRY_COMPARE(fixture.outbox.depth(), 0);
        QStringList expected = eventIds(0, 6);
        expected.removeAll(u"ev-2"_s);
        QCOMPARE(backend.storedEventIds(), expected);
        QCOMPARE(backend.requests().size(), 1); // no one-by-one retry needed
        QCOMPARE(fixture.outbox.deadLetterCount(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_Forwarder)
#include "tst_forwarder.moc"
