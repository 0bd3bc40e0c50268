#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QString>

#include <optional>

// The alarm codes' one hash: a code is stored only as libsodium's Argon2id string
// ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash", salt and cost inside) at libsodium's
// "interactive" cost, the one a Pi Zero 2 W checks in about a second, and checked only through
// crypto_pwhash_str_verify. Owns no state but a private thread pool for the async forms.
// Static and thread-safe. hash() and verify() block for 0.1-1 s and 64 MiB: the CLI and worker
// threads only; the event loop uses findMatch() and hashLater(), whose futures finish on a pool
// thread (continue them with QFuture::then(context, ...) to get back to the caller's thread).
class CodeHasher
{
public:
    // In characters, as QString::size() counts them (a non-ASCII letter is one).
    static constexpr int MinLength = 4, MaxLength = 32;
    // How many hashes run at once in the async forms: each takes 64 MiB, so a flood of code
    // attempts costs at most this many times that, and leaves the other cores to the server.
    static constexpr int MaxParallelHashes = 2;

    // Empty when the code is acceptable, else the one-line reason
    // ("code: expected 4 to 32 characters"). It never repeats the code.
    static QString validate(const QString &code);

    // The stored form of `code`; empty when the code is not acceptable (validate()) or libsodium
    // failed (out of memory). Two hashes of one code differ (a random salt each). Blocking.
    static QByteArray hash(const QString &code);
    // Whether `code` is the one `hash` was made from; false for a hash that is not one of
    // libsodium's strings and for a code that validate() refuses. Blocking.
    static bool verify(const QByteArray &hash, const QString &code);

    // Off the calling thread: the name of the entry of `hashes` (name -> stored hash) that `code`
    // matches, or nullopt. Names are tried in sorted order and the first match stops the search,
    // so two users with one code always give the same (first) name.
    static QFuture<std::optional<QString>> findMatch(QHash<QString, QByteArray> hashes,
                                                     QString code);
    // hash(code) off the calling thread.
    static QFuture<QByteArray> hashLater(QString code);
};
