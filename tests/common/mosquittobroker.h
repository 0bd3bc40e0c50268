#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

struct MosquittoBrokerOptions
{
    QString username{}; // non-empty: anonymous clients are refused, password file made
    QString password{};
    bool tls = false; // the listener speaks TLS with a certificate signed by caFile()
};

// Runs Debian's real /usr/sbin/mosquitto for a test, on a free 127.0.0.1 port, with its config,
// persistence, password file and certificates in its own QTemporaryDir. start() returns once the
// broker accepts TCP connections (deadline 10 s); a missing binary is a failure, never a skip.
// The broker's log goes to a file in the temp dir; errors quote its last lines.
//
// The config raises max_queued_messages to 1,000,000: the stock limit of 1000 silently drops
// QoS 1 messages for a subscriber that falls behind, which is exactly what the product must
// not do. Owns the process; the destructor stops it and prints the log's tail when the test
// failed. The broker gets PR_SET_PDEATHSIG(SIGKILL), so a crashed test or a ctest timeout leaves
// no broker behind. Test (GUI) thread only; blocking calls.
class MosquittoBroker
{
public:
    // Declared outside the class so that `= {}` works as a default argument.
    using Options = MosquittoBrokerOptions;

    explicit MosquittoBroker(Options options = {});
    ~MosquittoBroker();

    MosquittoBroker(const MosquittoBroker &) = delete;
    MosquittoBroker &operator=(const MosquittoBroker &) = delete;

    bool start(QString *error = nullptr);
    void stop();                            // SIGTERM (the broker saves its persistence), wait
    void kill();                            // SIGKILL, wait
    bool restart(QString *error = nullptr); // same port, same persistence dir
    void pause();  // SIGSTOP: connections stay open but nothing answers (a hung broker)
    void resume(); // SIGCONT

    bool isRunning() const;
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_port; }
    QString caFile() const;      // the CA that signed the server certificate, when tls
    QString wrongCaFile() const; // a CA that did not, for failure tests, when tls
    QString dataDir() const { return m_dir.path(); }
    QString username() const { return m_options.username; }
    QString password() const { return m_options.password; }
    QString logTail(int lines = 30) const;

    // Arguments that point mosquitto_pub/mosquitto_sub at this broker: host, port, the
    // credentials and the CA file when set.
    QStringList clientArguments() const;

    // One message through the real mosquitto_pub (as the guide's examples do).
    static bool publishWithMosquittoPub(const MosquittoBroker &broker, const QString &topic,
                                        const QByteArray &payload, int qos = 1, bool retain = false,
                                        QString *error = nullptr);

    // Starts mosquitto_sub -v on `topic` that exits after `count` messages; returns once its
    // subscription is in place (the broker logged it). The caller owns the process and reads
    // "topic payload" lines from its stdout.
    static std::unique_ptr<QProcess> startMosquittoSub(const MosquittoBroker &broker,
                                                       const QString &topic, int count,
                                                       QString *error = nullptr);

private:
    bool prepare(QString *error); // once: port, certificates, password file, config
    bool makeCertificates(QString *error);
    bool waitUntilListening(QString *error);
    bool fail(QString *error, const QString &message) const;

    Options m_options;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_prepared = false;
    std::unique_ptr<QProcess> m_process;
};
