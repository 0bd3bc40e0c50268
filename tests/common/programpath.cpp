#include "programpath.h"

QString ProgramPath::of(const QString &programName)
{
    return QStringLiteral(VIGIL_BIN_DIR) + u'/' + programName;
}

QString ProgramPath::sourceDir()
{
    return QStringLiteral(VIGIL_SOURCE_DIR);
}
