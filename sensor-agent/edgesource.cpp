#include "edgesource.h"

bool EdgeSource::fail(const QString &setting, const QString &message)
{
    m_errorSetting = setting;
    m_errorString = message;
    return false;
}
