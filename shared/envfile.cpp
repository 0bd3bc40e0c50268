#include "envfile.h"

#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

bool EnvFile::read(const QString &path, QHash<QString, Entry> *values, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = u"error: --env-file %1: cannot read it (%2)"_s.arg(path, file.errorString());
        return false;
    }
    static const QRegularExpression keyPattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u"export "_s))
            line = line.mid(7).trimmed();
        const qsizetype equals = line.indexOf(u'=');
        const QString key = line.left(equals).trimmed();
        if (equals < 0 || !keyPattern.match(key).hasMatch()) {
            *error = u"error: --env-file %1:%2: expected KEY=VALUE"_s.arg(path).arg(lineNumber);
            return false;
        }
        QString value = line.mid(equals + 1).trimmed();
        const bool quoted = value.size() >= 2 &&
                            (value.front() == u'"' || value.front() == u'\'') &&
                            value.back() == value.front();
        if (quoted)
            value = value.mid(1, value.size() - 2);
        else if (const qsizetype comment = value.indexOf(u" #"_s); comment >= 0)
            value = value.left(comment).trimmed();
        values->insert(key, {value, u"%1:%2"_s.arg(path).arg(lineNumber)});
    }
    return true;
}
