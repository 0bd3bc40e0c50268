#include "secretfile.h"

#include <QFile>

using namespace Qt::StringLiterals;

std::optional<QString> SecretFile::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read it (%1)"_s.arg(file.errorString());
        return std::nullopt;
    }
    // One byte past the limit tells "too large" from "exactly the limit" without reading it all.
    QByteArray content = file.read(MaxBytes + 1);
    if (content.size() > MaxBytes) {
        *error = u"it is larger than %1 bytes, too large for a secret"_s.arg(MaxBytes);
        return std::nullopt;
    }
    if (file.error() != QFileDevice::NoError) {
        *error = u"cannot read it (%1)"_s.arg(file.errorString());
        return std::nullopt;
    }
    // `echo token > file` and most editors end the file with a newline that is not the secret.
    if (content.endsWith('\n'))
        content.chop(1);
    if (content.endsWith('\r'))
        content.chop(1);
    if (content.trimmed().isEmpty()) {
        *error = u"the file is empty"_s;
        return std::nullopt;
    }
    return QString::fromUtf8(content);
}
