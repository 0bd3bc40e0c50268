#include "codehasher.h"

#include <QList>
#include <QLoggingCategory>
#include <QPromise>
#include <QThreadPool>

#include <sodium.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCodeHash, "vigil.server.codes.hash")

namespace {

// sodium_init() picks the fastest implementations and seeds the random generator; a
// function-local static runs it once even when the first calls come from several threads.
bool sodiumReady()
{
    static const bool ready = [] {
        if (sodium_init() < 0) {
            qCCritical(lcCodeHash,
                       "libsodium failed to initialise: no code can be hashed or checked");
            return false;
        }
        return true;
    }();
    return ready;
}

// The bytes that are hashed: the code in Unicode normalisation form C, so that "é" typed as one
// character on the web keypad and as e + accent in a terminal are the same code.
class CodeBytes
{
public:
    explicit CodeBytes(const QString &code)
        : m_bytes(code.normalized(QString::NormalizationForm_C).toUtf8())
    {}
    // The copy of the code this class made does not outlive it (the caller's QString is theirs).
    ~CodeBytes() { sodium_memzero(m_bytes.data(), static_cast<size_t>(m_bytes.size())); }
    CodeBytes(const CodeBytes &) = delete;
    CodeBytes &operator=(const CodeBytes &) = delete;

    const char *data() const { return m_bytes.constData(); }
    unsigned long long size() const { return static_cast<unsigned long long>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

// Every async hash runs here rather than on the global pool: a burst of attempts queues behind
// MaxParallelHashes threads instead of taking every core and 64 MiB per core. Destroyed at exit,
// after waiting for a hash still running.
QThreadPool &hashPool()
{
    static QThreadPool pool;
    static const bool sized = [] {
        pool.setMaxThreadCount(CodeHasher::MaxParallelHashes);
        pool.setObjectName(u"vigil-codes"_s);
        return true;
    }();
    Q_UNUSED(sized);
    return pool;
}

template <typename Result, typename Work> QFuture<Result> runOnHashPool(Work work)
{
    // QThreadPool::start takes a copyable function on Qt 6.4, and QPromise is move-only.
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    hashPool().start([promise, work = std::move(work)]() {
        promise->addResult(work());
        promise->finish();
    });
    return future;
}

} // namespace

QString CodeHasher::validate(const QString &code)
{
    if (code.size() < MinLength || code.size() > MaxLength)
        return u"code: expected %1 to %2 characters"_s.arg(MinLength).arg(MaxLength);
    return {};
}

QByteArray CodeHasher::hash(const QString &code)
{
    if (!validate(code).isEmpty() || !sodiumReady())
        return {};
    const CodeBytes bytes(code);
    QByteArray stored(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(
            stored.data(), bytes.data(), bytes.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        qCWarning(lcCodeHash, "hashing a code failed (out of memory?)");
        return {};
    }
    // libsodium writes a NUL-terminated string into the fixed-size buffer.
    stored.truncate(static_cast<qsizetype>(qstrnlen(stored.constData(), stored.size())));
    return stored;
}

bool CodeHasher::verify(const QByteArray &hash, const QString &code)
{
    // crypto_pwhash_str_verify reads a NUL-terminated string: a stored value longer than any
    // libsodium string, or with a NUL inside, is not one of ours.
    if (hash.isEmpty() || hash.size() >= crypto_pwhash_STRBYTES || hash.contains('\0'))
        return false;
    if (!validate(code).isEmpty() || !sodiumReady())
        return false;
    const CodeBytes bytes(code);
    return crypto_pwhash_str_verify(hash.constData(), bytes.data(), bytes.size()) == 0;
}

QFuture<std::optional<QString>> CodeHasher::findMatch(QHash<QString, QByteArray> hashes,
                                                      QString code)
{
    return runOnHashPool<std::optional<QString>>(
        [hashes = std::move(hashes), code = std::move(code)]() -> std::optional<QString> {
            QList<QString> names = hashes.keys();
            std::sort(names.begin(), names.end());
            for (const QString &name : std::as_const(names)) {
                if (verify(hashes.value(name), code))
                    return name;
            }
            return std::nullopt;
        });
}

QFuture<QByteArray> CodeHasher::hashLater(QString code)
{
    return runOnHashPool<QByteArray>([code = std::move(code)] { return hash(code); });
}
