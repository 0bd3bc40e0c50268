#include "dashboardsettings.h"

#include "logging.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace DashboardSettings {

ProgramSpec program()
{
    ProgramSpec spec;
    spec.name = u"vigil-dashboard"_s;
    spec.description = u"Touch and desktop dashboard of a Vigil server"_s;

    SettingSpec server;
    server.name = QString::fromLatin1(Server);
    server.type = SettingSpec::Type::Url;
    server.defaultValue = u"http://localhost:8000"_s;
    server.flag = u"server"_s;
    server.help = u"Base URL of vigil-server (the WebSocket URL is derived from it)"_s;

    SettingSpec token;
    token.name = QString::fromLatin1(Token);
    token.flag = u"token"_s;
    token.secret = true;
    token.help = u"Bearer token, when the server requires one"_s;

    SettingSpec fullscreen;
    fullscreen.name = QString::fromLatin1(Fullscreen);
    fullscreen.type = SettingSpec::Type::Switch;
    fullscreen.defaultValue = u"false"_s;
    fullscreen.flag = u"fullscreen"_s;
    fullscreen.help = u"Show the window full screen (wall screen, eglfs)"_s;

    SettingSpec screenshot;
    screenshot.name = QString::fromLatin1(Screenshot);
    screenshot.flag = u"screenshot"_s;
    screenshot.help = u"Save the window as this PNG once the server's data is shown, then exit"_s;
    screenshot.validate = [](const QString &value) {
        return value.endsWith(u".png"_s, Qt::CaseInsensitive) ? QString()
                                                              : u"a file name ending in .png"_s;
    };

    SettingSpec language;
    language.name = QString::fromLatin1(Language);
    language.flag = u"lang"_s;
    language.help = u"User interface language (en, fr); the system locale when empty"_s;
    language.validate = [](const QString &value) {
        static const QRegularExpression pattern(u"^([a-z]{2}([_-][A-Z]{2})?)?$"_s);
        return pattern.match(value).hasMatch() ? QString() : u"a language code such as fr or en"_s;
    };

    SettingSpec mute;
    mute.name = QString::fromLatin1(Mute);
    mute.type = SettingSpec::Type::Switch;
    mute.defaultValue = u"false"_s;
    mute.flag = u"mute"_s;
    mute.help = u"Show alerts without the chime"_s;

    spec.settings = {
        server, token, fullscreen, screenshot, language, mute, Logging::levelSetting()};
    return spec;
}

} // namespace DashboardSettings
