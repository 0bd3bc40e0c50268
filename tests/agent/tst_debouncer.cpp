#include "debouncer.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Ms = 1000000;

// "1@0 0@12" -> edges (level@milliseconds), the notation of the tables below.
QList<Debouncer::Edge> parseEdges(const QString &text)
{
    QList<Debouncer::Edge> edges;
    const QStringList items = text.split(u' ', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList parts = item.split(u'@');
        edges.append({parts.at(0) == u"1", parts.at(1).toLongLong() * Ms});
    }
    return edges;
}

QString formatEdges(const QList<Debouncer::Edge> &edges)
{
    QStringList items;
    for (const Debouncer::Edge &edge : edges)
        items.append(u"%1@%2"_s.arg(edge.active ? 1 : 0).arg(edge.timestampNs / Ms));
    return items.join(u' ');
}

} // namespace

class tst_Debouncer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edges_data();
    void edges();
    void settleDeadline();
};

void tst_Debouncer::edges_data()
{
    QTest::addColumn<int>("windowMs");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<int>("settleAtMs"); // when the owner's settle timer fires at the end
    QTest::addColumn<QString>("accepted");

    QTest::addRow("one clean press") << 30 << u"1@0"_s << 1000 << u"1@0"_s;
    QTest::addRow("bounces on press give one edge")
        << 30 << u"1@0 0@2 1@4 0@6 1@8"_s << 1000 << u"1@0"_s;
    QTest::addRow("bounces on press and release")
        << 30 << u"1@0 0@3 1@5 0@500 1@503 0@506"_s << 1000 << u"1@0 0@500"_s;
    QTest::addRow("inactive first changes nothing") << 30 << u"0@0"_s << 1000 << u""_s;
    QTest::addRow("release hidden in the lockout comes out after it")
        << 30 << u"1@0 0@10"_s << 1000 << u"1@0 0@10"_s;
    QTest::addRow("hidden release not before the lockout ends")
        << 30 << u"1@0 0@10"_s << 29 << u"1@0"_s;
    QTest::addRow("hidden release comes out before the next edge")
        << 30 << u"1@0 0@10 1@200"_s << 1000 << u"1@0 0@10 1@200"_s;
    QTest::addRow("two activations outside the window")
        << 30 << u"1@0 1@100"_s << 1000 << u"1@0 1@100"_s;
    QTest::addRow("second activation inside the window is bounce")
        << 30 << u"1@0 1@10"_s << 1000 << u"1@0"_s;
    QTest::addRow("edge exactly at the window end is accepted")
        << 30 << u"1@0 0@30"_s << 1000 << u"1@0 0@30"_s;
    QTest::addRow("bounce longer than the window passes as edges")
        << 30 << u"1@0 0@40 1@45"_s << 1000 << u"1@0 0@40 1@45"_s;
    QTest::addRow("window 0 passes every change")
        << 0 << u"1@0 0@0 1@0 1@1"_s << 1000 << u"1@0 0@0 1@0 1@1"_s;
}

void tst_Debouncer::edges()
{
    QFETCH(int, windowMs);
    QFETCH(QString, raw);
    QFETCH(int, settleAtMs);
    QFETCH(QString, accepted);

    // Driven as SensorAgent drives it: settle up to each edge's time, then feed the edge.
    Debouncer debouncer(windowMs * Ms);
    QList<Debouncer::Edge> out;
    for (const Debouncer::Edge &edge : parseEdges(raw)) {
        if (const auto hidden = debouncer.settle(edge.timestampNs))
            out.append(*hidden);
        if (const auto passed = debouncer.feed(edge.active, edge.timestampNs))
            out.append(*passed);
    }
    if (const auto hidden = debouncer.settle(settleAtMs * Ms))
        out.append(*hidden);
    QCOMPARE(formatEdges(out), accepted);
}

void tst_Debouncer::settleDeadline()
{
    Debouncer debouncer(30 * Ms);
    QCOMPARE(debouncer.settleDeadlineNs(), std::nullopt);
    QVERIFY(debouncer.feed(true, 100 * Ms));
    QCOMPARE(debouncer.settleDeadlineNs(), std::nullopt); // raw level == accepted level
    QVERIFY(!debouncer.feed(false, 110 * Ms));
    QCOMPARE(debouncer.settleDeadlineNs(), std::optional<qint64>(130 * Ms));
    QVERIFY(!debouncer.feed(true, 115 * Ms)); // bounced back: nothing pending any more
    QCOMPARE(debouncer.settleDeadlineNs(), std::nullopt);
    QCOMPARE(debouncer.level(), true);
}

QTEST_GUILESS_MAIN(tst_Debouncer)
#include "tst_debouncer.moc"
