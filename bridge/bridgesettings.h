#pragma once

#include "settings.h"

#include <QSslCertificate>

// vigil-bridge's settings table (names, defaults, bounds, help) and the checks that need more
// than one value or a file. The names are the contract's; see the README's settings table.
namespace BridgeSettings {

ProgramSpec program();

// The certificates of BACKEND_CAFILE; empty with *error set when the file has none.
QList<QSslCertificate> caCertificates(const QString &path, QString *error);

// Returns "" when `filter` is a valid MQTT subscription filter, else what is wrong.
QString topicFilterProblem(const QString &filter);

} // namespace BridgeSettings
