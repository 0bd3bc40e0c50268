// CodeHasher, libsodium's Argon2id behind the alarm codes: what is stored, what matches, what is
// refused, and the async forms the event loop uses.
#include "codehasher.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_CodeHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void hashIsArgon2idAndSalted();
    void verifyMatchesOnlyTheCode();
    void findMatchTakesTheFirstNameInOrder();
};

void tst_CodeHasher::validate_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::addRow("4 digits") << u"1234"_s << true;
    QTest::addRow("3 digits") << u"123"_s << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("32 characters") << QString(32, u'7') << true;
    QTest::addRow("33 characters") << QString(33, u'7') << false;
    QTest::addRow("non-ASCII letters count as one") << u"éééé"_s << true;
}

void tst_CodeHasher::validate()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    const QString error = CodeHasher::validate(code);
    QCOMPARE(error.isEmpty(), valid);
    if (!valid && !code.isEmpty())
        QVERIFY2(!error.contains(code), qPrintable(error)); // never repeats the code
}

void tst_CodeHasher::hashIsArgon2idAndSalted()
{
    const QByteArray first = CodeHasher::hash(u"2468"_s);
    const QByteArray second = CodeHasher::hash(u"2468"_s);
    QVERIFY(first.startsWith("$argon2id$"));
    QVERIFY(!first.contains("2468"));
    QVERIFY(first != second);
    QVERIFY(CodeHasher::hash(u"12"_s).isEmpty());
}

void tst_CodeHasher::verifyMatchesOnlyTheCode()
{
    const QByteArray stored = CodeHasher::hash(u"2468"_s);
    QVERIFY(CodeHasher::verify(stored, u"2468"_s));
    QVERIFY(!CodeHasher::verify(stored, u"2469"_s));
    QVERIFY(!CodeHasher::verify(stored, u"24680"_s));
    QVERIFY(!CodeHasher::verify("not a hash", u"2468"_s));
    QVERIFY(!CodeHasher::verify(QByteArray(), u"2468"_s));
}

void tst_CodeHasher::findMatchTakesTheFirstNameInOrder()
{
    const QByteArray shared = CodeHasher::hash(u"1357"_s);
    const QHash<QString, QByteArray> hashes{
        {u"zoe"_s, shared}, {u"anna"_s, shared}, {u"max"_s, CodeHasher::hash(u"8642"_s)}};
    auto same = CodeHasher::findMatch(hashes, u"1357"_s);
    auto other = CodeHasher::findMatch(hashes, u"8642"_s);
    auto none = CodeHasher::findMatch(hashes, u"0000"_s);
    QCOMPARE(same.result(), std::optional<QString>(u"anna"_s));
    QCOMPARE(other.result(), std::optional<QString>(u"max"_s));
    QCOMPARE(none.result(), std::nullopt);
    QCOMPARE(CodeHasher::hashLater(u"1111"_s).result().left(10), QByteArray("$argon2id$"));
}

QTEST_GUILESS_MAIN(tst_CodeHasher)
#include "tst_codehasher.moc"
