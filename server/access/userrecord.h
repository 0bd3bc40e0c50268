#pragma once

#include <QByteArray>
#include <QString>

// A user of the alarm: a name and the Argon2id hash of their code (never the code). A plain value.
struct UserRecord
{
    QString name;
    QByteArray codeHash;
    qint64 createdAtMs = 0;
};
