#include "bridgestatus.h"
#include "outbox.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

OutboxEvent makeEvent(int n)
{
    OutboxEvent event;
    event.eventId = u"id-%1"_s.arg(n);
    event.type = u"motion_detected"_s;
    event.body = uR"({"type":"motion_detected","n":%1})"_s.arg(n).toUtf8();
    event.receivedAtMs = 1700000000000 + n;
    return event;
}

QList<OutboxEvent> makeEvents(int from, int count)
{
    QList<OutboxEvent> events;
    for (int n = from; n < from + count; ++n)
        events.append(makeEvent(n));
    return events;
}

QStringList idsOf(const QList<OutboxEvent> &events)
{
    QStringList ids;
    for (const OutboxEvent &event : events)
        ids.append(event.eventId);
    return ids;
}

} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendKeepsArrivalOrder()
    {
        QTemporaryDir dir;
        Outbox outbox(dir.filePath(u"outbox.db"_s));
        QString error;
        QVERIFY2(outbox.open(Outbox::Sync::Normal, &error), qPrintable(error));
        QList<OutboxEvent> first = makeEvents(0, 3);
        QList<OutboxEvent> second = makeEvents(3, 2);
        QVERIFY2(outbox.append(&first, &error), qPrintable(error));
        QVERIFY2(outbox.append(&second, &error), qPrintable(error));
        QVERIFY(first.at(0).id < first.at(2).id && first.at(2).id < second.at(0).id);
        QCOMPARE(outbox.depth(), 5);

        const QList<OutboxEvent> peeked = outbox.peek(10, 1 << 20);
        QCOMPARE(idsOf(peeked), idsOf(makeEvents(0, 5)));
        QCOMPARE(peeked.at(4).body, makeEvent(4).body);
        QCOMPARE(peeked.at(4).receivedAtMs, makeEvent(4).receivedAtMs);
        QCOMPARE(peeked.at(4).type, u"motion_detected"_s);
    }

    void eventsSurviveReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"outbox.db"_s);
        QString error;
        {
            Outbox outbox(path);
            QVERIFY2(outbox.open(Outbox::Sync::Full, &error), qPrintable(error));
            QList<OutboxEvent> events = makeEvents(0, 100);
            QVERIFY2(outbox.append(&events, &error), qPrintable(error));
        }
        Outbox reopened(path);
        QVERIFY2(reopened.open(Outbox::Sync::Normal, &error), qPrintable(error));
        QCOMPARE(reopened.depth(), 100);
        QCOMPARE(idsOf(reopened.peek(1000, 1 << 20)), idsOf(makeEvents(0, 100)));
        // New ids continue after the old ones, so the order holds across restarts.
        QList<OutboxEvent> more = makeEvents(100, 1);
        QVERIFY(reopened.append(&more, &error));
        QCOMPARE(reopened.peek(1000, 1 << 20).constLast().eventId, u"id-100"_s);
    }

    void peekStopsAtMaxBytesButTakesAtLeastOne()
    {
        QTemporaryDir dir;
        Outbox outbox(dir.filePath(u"outbox.db"_s));
        QString error;
        QVERIFY(outbox.open(Outbox::Sync::Normal, &error));
        QList<OutboxEvent> events = makeEvents(0, 10);
        QVERIFY(outbox.append(&events, &error));
        const qint64 oneBody = makeEvent(0).body.size();
        QCOMPARE(outbox.peek(10, oneBody * 3).size(), 3);
        QCOMPARE(outbox.peek(10, 1).size(), 1);
        QCOMPARE(outbox.peek(4, 1 << 20).size(), 4);
    }

    void settleRemovesTheRangeAndKeepsDeadLetters()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"outbox.db"_s);
        Outbox outbox(path);
        QString error;
        QVERIFY(outbox.open(Outbox::Sync::Normal, &error));
        QList<OutboxEvent> events = makeEvents(0, 5);
        QVERIFY(outbox.append(&events, &error));

        const DeadLetter dead{events.at(2), 400, u"type: must match [a-z0-9_]{1,64}"_s};
        QVERIFY2(outbox.settle(events.at(0).id, events.at(3).id, {dead}, 1700000001000, &error),
                 qPrintable(error));
        QCOMPARE(outbox.depth(), 1);
        QCOMPARE(outbox.peek(10, 1 << 20).constFirst().eventId, u"id-4"_s);
        QCOMPARE(outbox.deadLetterCount(), 1);

        const std::optional<BridgeStatus> status = BridgeStatus::read(path, &error);
        QVERIFY2(status, qPrintable(error));
        QCOMPARE(status->depth, 1);
        QCOMPARE(status->deadLetters, 1);
        QCOMPARE(status->lastDeliveryAtMs, 1700000001000);
        QCOMPARE(status->recentDeadLetters.size(), 1);
        QCOMPARE(status->recentDeadLetters.constFirst().event.eventId, u"id-2"_s);
        QCOMPARE(status->recentDeadLetters.constFirst().httpStatus, 400);
        QVERIFY(status->toText(path).contains(u"type: must match [a-z0-9_]{1,64}"_s));
    }

    void limitDiscardsTheOldestAndCountsThem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"outbox.db"_s);
        QString error;
        {
            Outbox outbox(path);
            outbox.setMaxEvents(5);
            QVERIFY(outbox.open(Outbox::Sync::Normal, &error));
            QList<OutboxEvent> events = makeEvents(0, 4);
            QVERIFY(outbox.append(&events, &error));
            events = makeEvents(4, 3);
            QVERIFY(outbox.append(&events, &error));
            QCOMPARE(outbox.depth(), 5);
            QCOMPARE(outbox.discardedTotal(), 2);
            QCOMPARE(idsOf(outbox.peek(10, 1 << 20)), idsOf(makeEvents(2, 5)));

            // A single append larger than the limit keeps only its newest events.
            events = makeEvents(7, 8);
            QVERIFY(outbox.append(&events, &error));
            QCOMPARE(events.size(), 5);
            QCOMPARE(idsOf(outbox.peek(10, 1 << 20)), idsOf(makeEvents(10, 5)));
            QCOMPARE(outbox.discardedTotal(), 10);
        }
        Outbox reopened(path);
        QVERIFY(reopened.open(Outbox::Sync::Normal, &error));
        QCOMPARE(reopened.discardedTotal(), 10);
        const std::optional<BridgeStatus> status = BridgeStatus::read(path, &error);
        QVERIFY(status);
        QCOMPARE(status->discarded, 10);
    }

    void statusReadsWhileTheBridgeWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"outbox.db"_s);
        Outbox outbox(path);
        QString error;
        QVERIFY(outbox.open(Outbox::Sync::Normal, &error));
        QList<OutboxEvent> events = makeEvents(0, 3);
        QVERIFY(outbox.append(&events, &error));
        outbox.recordError(u"Connection refused"_s, 1700000002000);

        const std::optional<BridgeStatus> status = BridgeStatus::read(path, &error);
        QVERIFY2(status, qPrintable(error));
        QCOMPARE(status->depth, 3);
        QCOMPARE(status->oldestReceivedAtMs, makeEvent(0).receivedAtMs);
        QCOMPARE(status->lastError, u"Connection refused"_s);
        QCOMPARE(status->lastErrorAtMs, 1700000002000);
        QCOMPARE(status->lastDeliveryAtMs, 0);
        const QString text = status->toText(path);
        QVERIFY(text.contains(u"queued: 3"_s));
        QVERIFY(text.contains(u"last delivery: never"_s));
        QVERIFY(text.contains(u"last error: Connection refused at 2023-11-14T22:13:22.000Z"_s));

        // The writer keeps working while a reader had the file open.
        events = makeEvents(3, 1);
        QVERIFY2(outbox.append(&events, &error), qPrintable(error));
    }

    void statusOfAMissingFileSaysSo()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!BridgeStatus::read(dir.filePath(u"none.db"_s), &error));
        QVERIFY(error.contains(u"no outbox at"_s));
    }

    void openFailsWithAReadableError()
    {
        QTemporaryDir dir;
        Outbox outbox(dir.filePath(u"missing/dir/outbox.db"_s));
        QString error;
        QVERIFY(!outbox.open(Outbox::Sync::Normal, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
