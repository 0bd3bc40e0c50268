// Codes and users on the real vigil-server: no code asked while no user exists, then disarm
// (and, with CODE_ARM_REQUIRED, arming) only with a user's code, the same on /api/mode and
// /api/devices; the global lockout with 429 and Retry-After; users through the API (the admin
// code) and the command line (the code on standard input, never in the arguments); every
// attempt and change in the audit log, and never a code in the log or the answers.
#include "alarmtestserver.h"
#include "guidepayloads.h"
#include "programprocess.h"

#include <QJsonArray>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using GuidePayloads::bytes;

namespace {

const QString AliceCode = u"4711"_s;

QStringList auditActions(HttpTestClient &http)
{
    QStringList actions;
    const QJsonArray rows = http.get(u"/api/audit"_s).json().array();
    for (const QJsonValue &row : rows)
        actions.append(row.toObject().value(u"action").toString());
    return actions;
}

HttpTestClient::Reply addUser(HttpTestClient &http, const QString &name, const QString &code,
                              const QString &adminCode = {})
{
    QJsonObject body{{u"name"_s, name}, {u"code"_s, code}};
    if (!adminCode.isEmpty())
        body.insert(u"admin_code"_s, adminCode);
    return http.post(u"/api/users"_s, bytes(body));
}

} // namespace

class tst_AlarmCodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noUserNoCode();
    void disarmNeedsTheCodeOnceAUserExists();
    void armingNeedsTheCodeWhenRequired();
    void fiveWrongCodesLockEveryWayIn();
    void usersNeedAnAdminCode();
    void aCodeCheckDoesNotStallOtherRequests();
    void commandLineUsers();
};

void tst_AlarmCodes::noUserNoCode()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s, u"whatever"_s).status, 200);
    QCOMPARE(server.act(u"disarm"_s).status, 200);
    QCOMPARE(server.http().get(u"/api/users"_s).json().array().size(), 0);
}

void tst_AlarmCodes::disarmNeedsTheCodeOnceAUserExists()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const auto added = addUser(server.http(), u"alice"_s, AliceCode);
    QCOMPARE(added.status, 201);
    QCOMPARE(added.json().object().value(u"name").toString(), u"alice"_s);
    QVERIFY(!added.body.contains(AliceCode.toUtf8()));
    QCOMPARE(server.alarm().value(u"code_required").toObject(),
             QJsonObject({{u"arm"_s, false}, {u"disarm"_s, true}}));

    QCOMPARE(server.act(u"arm_away"_s).status, 200); // arming asks no code by default
    const auto missing = server.act(u"disarm"_s);
    QCOMPARE(missing.status, 403);
    QCOMPARE(missing.json().object().value(u"error").toString(), u"wrong code"_s);
    QCOMPARE(server.act(u"disarm"_s, u"0000"_s).status, 403);
    QCOMPARE(server.state(), u"armed_away"_s);
    const auto right = server.act(u"disarm"_s, AliceCode);
    QCOMPARE(right.status, 200);
    QCOMPARE(right.json().object().value(u"changed_by").toString(), u"alice"_s);

    // The guide's view takes the same code.
    QCOMPARE(server.http().put(u"/api/mode"_s, R"({"mode": "surveillance"})"_ba).status, 200);
    QCOMPARE(server.http().put(u"/api/mode"_s, R"({"mode": "active"})"_ba).status, 403);
    QCOMPARE(server.http().put(u"/api/mode"_s, R"({"mode": "active", "code": "9999"})"_ba).status,
             403);
    QCOMPARE(server.http()
                 .put(u"/api/mode"_s,
                      bytes(QJsonObject{{u"mode"_s, u"active"_s}, {u"code"_s, AliceCode}}))
                 .status,
             200);
    // And a sensor's role.
    QCOMPARE(server.motion(u"door"_s).status, 201);
    QCOMPARE(server.setRole(u"door"_s, u"instant"_s).status, 403);
    QCOMPARE(server.setRole(u"door"_s, u"instant"_s, AliceCode).status, 200);

    const QStringList actions = auditActions(server.http());
    // One row per wrong code, whichever way it came in; a missing code is only refused.
    QCOMPARE(actions.count(u"wrong_code"_s), 2);
    QVERIFY(actions.contains(u"user_added"_s));
    QVERIFY(!server.process().log().contains(AliceCode));
}

void tst_AlarmCodes::armingNeedsTheCodeWhenRequired()
{
    QProcessEnvironment env;
    env.insert(u"CODE_ARM_REQUIRED"_s, u"true"_s);
    AlarmTestServer server({}, env);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_home"_s).status, 200); // no user yet
    QCOMPARE(server.act(u"disarm"_s).status, 200);
    QCOMPARE(addUser(server.http(), u"alice"_s, AliceCode).status, 201);
    QCOMPARE(server.alarm().value(u"code_required").toObject(),
             QJsonObject({{u"arm"_s, true}, {u"disarm"_s, true}}));
    QCOMPARE(server.act(u"arm_home"_s).status, 403);
    QCOMPARE(server.act(u"arm_home"_s, AliceCode).status, 200);
    // A panic trigger never waits for a code.
    QCOMPARE(server.act(u"trigger"_s).status, 200);
}

void tst_AlarmCodes::fiveWrongCodesLockEveryWayIn()
{
    QProcessEnvironment env;
    env.insert(u"CODE_LOCKOUT"_s, u"2"_s);
    AlarmTestServer server({}, env);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(addUser(server.http(), u"alice"_s, AliceCode).status, 201);
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    for (int attempt = 1; attempt <= 5; ++attempt)
        QCOMPARE(server.act(u"disarm"_s, u"%1"_s.arg(1000 + attempt)).status, 403);
    // Locked: even the right code, on every way in.
    const auto locked = server.act(u"disarm"_s, AliceCode);
    QCOMPARE(locked.status, 429);
    const int retryAfter = locked.header("Retry-After"_ba).toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 2, locked.header("Retry-After"_ba).constData());
    QCOMPARE(server.http()
                 .put(u"/api/mode"_s,
                      bytes(QJsonObject{{u"mode"_s, u"active"_s}, {u"code"_s, AliceCode}}))
                 .status,
             429);
    QCOMPARE(server.state(), u"armed_away"_s);
    const QStringList actions = auditActions(server.http());
    QCOMPARE(actions.count(u"wrong_code"_s), 5);
    QCOMPARE(actions.count(u"code_lockout"_s), 1);
    // After CODE_LOCKOUT the right code works again.
    QTRY_COMPARE_WITH_TIMEOUT(server.act(u"disarm"_s, AliceCode).status, 200, 10000);
}

void tst_AlarmCodes::usersNeedAnAdminCode()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(addUser(server.http(), u"alice"_s, u"12"_s).status, 400); // too short
    QCOMPARE(addUser(server.http(), u""_s, AliceCode).status, 400);
    QCOMPARE(addUser(server.http(), u"alice"_s, AliceCode).status, 201);
    // Once one exists, adding or removing needs an existing user's code.
    QCOMPARE(addUser(server.http(), u"bob"_s, u"2222"_s).status, 403);
    QCOMPARE(addUser(server.http(), u"bob"_s, u"2222"_s, u"9999"_s).status, 403);
    QCOMPARE(addUser(server.http(), u"bob"_s, u"2222"_s, AliceCode).status, 201);
    QCOMPARE(addUser(server.http(), u"bob"_s, u"3333"_s, AliceCode).status, 409);
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(server.act(u"disarm"_s, u"2222"_s).json().object().value(u"changed_by").toString(),
             u"bob"_s);
    QCOMPARE(server.http().send("DELETE", u"/api/users/alice"_s).status, 403);
    QCOMPARE(server.http()
                 .send("DELETE", u"/api/users/alice"_s, R"({"admin_code": "2222"})"_ba,
                       {{"Content-Type"_ba, "application/json"_ba}})
                 .status,
             204);
    QCOMPARE(server.http()
                 .send("DELETE", u"/api/users/alice"_s, R"({"admin_code": "2222"})"_ba,
                       {{"Content-Type"_ba, "application/json"_ba}})
                 .status,
             404);
    const QJsonArray users = server.http().get(u"/api/users"_s).json().array();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first()[u"name"].toString(), u"bob"_s);
    QVERIFY(!users.first().toObject().contains(u"code_hash"));
}

void tst_AlarmCodes::aCodeCheckDoesNotStallOtherRequests()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(addUser(server.http(), u"alice"_s, AliceCode).status, 201);
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    // A raw request whose Argon2id check runs on a worker thread while another is answered.
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, server.process().port());
    QVERIFY(slow.waitForConnected(5000));
    const QByteArray body = bytes(QJsonObject{{u"action"_s, u"disarm"_s}, {u"code"_s, AliceCode}});
    slow.write("PUT /api/alarm HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Content-Length: "_ba +
               QByteArray::number(body.size()) + "\r\n\r\n"_ba + body);
    QVERIFY(slow.waitForBytesWritten(5000));
    // Asked after the disarm, answered before it: the hash (64 MiB of Argon2id, tens of
    // milliseconds at least) did not hold the event loop. With the check on the event loop the
    // disarm's answer would already be here.
    QCOMPARE(server.http().get(u"/api/health"_s).status, 200);
    QCOMPARE(slow.bytesAvailable(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(slow.bytesAvailable() > 0, 10000);
    QVERIFY(slow.readAll().startsWith("HTTP/1.1 200"));
    QCOMPARE(server.state(), u"disarmed"_s);
}

void tst_AlarmCodes::commandLineUsers()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QString database = server.process().databasePath();
    server.process().stop();
    auto users = [&](const QStringList &words, const QByteArray &input, QString *output) {
        ProgramRunOptions options;
        options.input = input;
        return ProgramProcess::run(u"vigil-server"_s,
                                   QStringList{u"users"_s} + words +
                                       QStringList{u"--database"_s, database},
                                   output, options);
    };
    QString output;
    QCOMPARE(users({u"add"_s, u"carol"_s}, "5555\n"_ba, &output), 0);
    QVERIFY(!output.contains(u"5555"_s));
    QCOMPARE(users({u"add"_s, u"carol"_s}, "6666\n"_ba, &output), 1);
    QVERIFY2(output.contains(u"already a user"_s), qPrintable(output));
    QCOMPARE(users({u"add"_s, u"dave"_s}, "12\n"_ba, &output), 2);
    QCOMPARE(users({u"list"_s}, {}, &output), 0);
    QVERIFY2(output.startsWith(u"carol\t"_s), qPrintable(output));
    QCOMPARE(users({u"frobnicate"_s}, {}, &output), 2);

    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(server.act(u"disarm"_s, u"5555"_s).json().object().value(u"changed_by").toString(),
             u"carol"_s);
    server.process().stop();
    QCOMPARE(users({u"remove"_s, u"carol"_s}, {}, &output), 0);
    QCOMPARE(users({u"remove"_s, u"carol"_s}, {}, &output), 1);
}

QTEST_GUILESS_MAIN(tst_AlarmCodes)
#include "tst_alarmcodes.moc"
