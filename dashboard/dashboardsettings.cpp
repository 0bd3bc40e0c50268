#include "dashboardsettings.h"

#include "logging.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

QString booleanText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

} // namespace

ProgramSpec DashboardSettings::program()
{
    const DashboardConfig defaults;
    ProgramSpec spec;
    spec.name = u"vigil-dashboard"_s;
    spec.description = u"Touch and desktop dashboard of a Vigil server"_s;

    SettingSpec server;
    server.name = Server;
    server.type = SettingSpec::Type::Url;
    server.defaultValue = defaults.server.toString();
    server.flag = u"server"_s;
    server.help = u"Base URL of vigil-server (the WebSocket URL is derived from it)"_s;

    SettingSpec token;
    token.name = Token;
    token.flag = u"token"_s;
    token.secret = true;
    token.help = u"Bearer token, when the server requires one"_s;

    SettingSpec fullscreen;
    fullscreen.name = Fullscreen;
    fullscreen.type = SettingSpec::Type::Switch;
    fullscreen.defaultValue = booleanText(defaults.fullscreen);
    fullscreen.flag = u"fullscreen"_s;
    fullscreen.help = u"Show the window full screen (wall screen, eglfs)"_s;

    SettingSpec screenshot;
    screenshot.name = Screenshot;
    screenshot.flag = u"screenshot"_s;
    screenshot.help = u"Save the window as this PNG once the server's data is shown, then exit"_s;
    screenshot.validate = [](const QString &value) {
        return value.endsWith(u".png"_s, Qt::CaseInsensitive) ? QString()
                                                              : u"a file name ending in .png"_s;
    };

    SettingSpec language;
    language.name = Language;
    language.flag = u"lang"_s;
    language.help = u"User interface language (en, fr); the system locale when empty"_s;
    language.validate = [](const QString &value) {
        static const QRegularExpression pattern(u"^([a-z]{2}([_-][A-Z]{2})?)?$"_s);
        return pattern.match(value).hasMatch() ? QString() : u"a language code such as fr or en"_s;
    };

    SettingSpec mute;
    mute.name = Mute;
    mute.type = SettingSpec::Type::Switch;
    mute.defaultValue = booleanText(defaults.mute);
    mute.flag = u"mute"_s;
    mute.help = u"Show alerts without the chime"_s;

    spec.settings = {
        server, token, fullscreen, screenshot, language, mute, Logging::levelSetting()};
    return spec;
}

std::optional<DashboardConfig> DashboardSettings::load(const Settings &settings, QString *)
{
    DashboardConfig config;
    config.server = settings.url(Server);
    config.token = settings.text(Token);
    config.fullscreen = settings.boolean(Fullscreen);
    config.screenshot = settings.text(Screenshot);
    config.language = settings.text(Language);
    config.mute = settings.boolean(Mute);
    config.logLevel = settings.text(Logging::levelSetting().name);
    return config;
}
