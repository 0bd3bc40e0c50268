#include "logging.h"

#include <QString>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QByteArray g_programName = "vigil";

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

// One line per message, no colour: journald and `docker logs` read it as it is.
void writeLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray text = message.toUtf8();
    const char *category = context.category ? context.category : "default";
    if (qstrcmp(category, "default") == 0)
        std::fprintf(stderr, "%s: %s: %s\n", g_programName.constData(), levelName(type),
                     text.constData());
    else
        std::fprintf(stderr, "%s: %s: [%s] %s\n", g_programName.constData(), levelName(type),
                     category, text.constData());
    std::fflush(stderr);
}

} // namespace

namespace Logging {

SettingSpec levelSetting()
{
    SettingSpec spec;
    spec.name = u"LOG_LEVEL"_s;
    spec.type = SettingSpec::Type::Choice;
    spec.defaultValue = u"info"_s;
    spec.choices = {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
    spec.help = u"Least severe level logged (QT_LOGGING_RULES refines it)."_s;
    return spec;
}

void install(const QString &programName, const QString &level)
{
    g_programName = programName.toUtf8();
    qInstallMessageHandler(writeLine);

    // Qt's own categories stay quiet below warning whatever the level; ours follow LOG_LEVEL.
    QString rules = u"qt.*.debug=false\nqt.*.info=false\n"_s;
    const QString chosen = level.isEmpty() ? u"info"_s : level;
    if (chosen != u"debug")
        rules += u"*.debug=false\n"_s;
    if (chosen == u"warning" || chosen == u"error")
        rules += u"*.info=false\n"_s;
    if (chosen == u"error")
        rules += u"*.warning=false\n"_s;
    // QT_LOGGING_RULES set by the user is applied after these rules by Qt, so it still wins.
    QLoggingCategory::setFilterRules(rules);
}

} // namespace Logging
