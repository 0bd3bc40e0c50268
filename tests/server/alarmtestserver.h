#pragma once

#include "httptestclient.h"
#include "serverprocess.h"

#include <QJsonObject>
#include <QProcessEnvironment>

#include <memory>

// What the alarm tests share: a real vigil-server with the alarm's delays set (seconds), an
// HTTP client on it, and short ways to act on the alarm and post a sensor's event.
class AlarmTestServer
{
public:
    struct Delays
    {
        int exit = 0;
        int entry = 0;
        int trigger = 60;
    };

    explicit AlarmTestServer(Delays delays, const QProcessEnvironment &more = {});

    bool start(QString *error); // and the HTTP client, on the port the server took
    ServerProcess &process() { return m_server; }
    HttpTestClient &http() { return *m_http; }

    QJsonObject alarm() { return m_http->get(QStringLiteral("/api/alarm")).json().object(); }
    QString state() { return alarm().value(QStringLiteral("state")).toString(); }
    HttpTestClient::Reply act(const QString &action, const QString &code = {});
    // A motion event from device_id `device`, source "sensor-motion" (the stored event back).
    HttpTestClient::Reply motion(const QString &device, const QJsonObject &moreDetails = {});
    HttpTestClient::Reply setRole(const QString &device, const QString &role,
                                  const QString &code = {});

private:
    ServerProcess m_server;
    std::unique_ptr<HttpTestClient> m_http;
};
