#pragma once

#include "alarmcontrol.h"
#include "alertcontroller.h"
#include "dashboardapi.h"
#include "devicelistmodel.h"
#include "eventcatchup.h"
#include "eventlistmodel.h"
#include "feedparser.h"
#include "modecontrol.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QtQml/qqmlregistration.h>

// The dashboard's link to vigil-server: the WebSocket /ws feed and the first GET /api/devices of
// each attempt, the connection state the banner shows, reconnection with capped backoff. It
// owns, and wires, what the views bind to: the feed's messages go through its FeedParser into
// the models, the AlertController, the AlarmControl (the alarm and its requests) and the
// ModeControl (the guide's mode and its request, whose properties it also shows under its own
// names; the views use it when the server has no alarm), and a hello after an outage starts the
// EventCatchUp of the events missed. GUI thread; created by main() (or by a QML test) and
// deleted with its parent.
class ServerConnection : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(int reconnectInSeconds READ reconnectInSeconds NOTIFY reconnectInSecondsChanged)
    Q_PROPERTY(QString mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(bool surveillance READ isSurveillance NOTIFY modeChanged)
    Q_PROPERTY(QDateTime modeChangedAt READ modeChangedAt NOTIFY modeChanged)
    Q_PROPERTY(bool modeChangePending READ isModeChangePending NOTIFY modeChangePendingChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY hasDataChanged)
    Q_PROPERTY(EventListModel *events READ events CONSTANT)
    Q_PROPERTY(DeviceListModel *devices READ devices CONSTANT)
    Q_PROPERTY(AlertController *alert READ alert CONSTANT)
    Q_PROPERTY(ModeControl *modeControl READ modeControl CONSTANT)
    Q_PROPERTY(AlarmControl *alarm READ alarm CONSTANT)
public:
    enum class Status {
        Idle,          // start() not called yet
        Connecting,    // first attempt
        Connected,     // the feed is live
        Reconnecting,  // was connected, trying again (reconnectInSeconds counts down)
        TokenRejected, // the server answered 401/403 or closed with 1008
        Unreachable,   // never reached the server yet; still retrying
    };
    Q_ENUM(Status)

    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    QUrl serverUrl() const { return m_api.serverUrl(); }
    void setServerUrl(const QUrl &url);
    // Not a property: a secret has no business in QML bindings.
    void setToken(const QString &token) { m_api.setToken(token); }
    // First retry after `initialMs`, doubling up to `maxMs` (tests shorten them).
    void setRetryDelays(int initialMs, int maxMs);

    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    int reconnectInSeconds() const { return m_reconnectInSeconds; }
    QString mode() const { return m_modeControl.mode(); }
    bool isSurveillance() const { return m_modeControl.isSurveillance(); }
    QDateTime modeChangedAt() const { return m_modeControl.changedAt(); }
    bool isModeChangePending() const { return m_modeControl.isPending(); }
    bool hasData() const { return m_hasData; }
    EventListModel *events() { return &m_events; }
    DeviceListModel *devices() { return &m_devices; }
    AlertController *alert() { return &m_alert; }
    ModeControl *modeControl() { return &m_modeControl; }
    AlarmControl *alarm() { return &m_alarmControl; }
    // Where the feed's text messages go: the socket's, or any other source of the same messages.
    FeedParser *feed() { return &m_feed; }

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    // Asks the server for "active" or "surveillance"; `mode` follows the server's answer.
    Q_INVOKABLE void setMode(const QString &mode) { m_modeControl.setMode(mode); }
    Q_INVOKABLE void toggleMode() { m_modeControl.toggle(); }

Q_SIGNALS:
    void serverUrlChanged();
    void statusChanged();
    void errorStringChanged();
    void reconnectInSecondsChanged();
    void modeChanged();
    void modeChangePendingChanged();
    void hasDataChanged();
    void modeChangeRequested(const QString &mode);
    void modeChangeFailed(const QString &errorString);
    void caughtUp(int eventCount); // after a reconnect's catch-up finished

private:
    void attempt();
    void openFeed();
    void onFeedConnected();
    void onFeedClosed();
    void fail(Status status, const QString &error);
    void scheduleRetry();
    void tickCountdown();
    void checkLiveness();
    void refreshDevices();
    void onHello(const FeedParser::Hello &hello);
    void onEvent(const DashboardEvent &event);
    void setStatus(Status status);
    void setErrorString(const QString &error);
    void setReconnectIn(int seconds);
    QUrl feedUrl() const;

    DashboardApi m_api;
    FeedParser m_feed;
    ModeControl m_modeControl;
    AlarmControl m_alarmControl;
    EventListModel m_events;
    DeviceListModel m_devices;
    AlertController m_alert;
    EventCatchUp m_catchUp;
    QWebSocket m_socket;

    Status m_status = Status::Idle;
    QString m_errorString;
    int m_reconnectInSeconds = 0;
    bool m_hasData = false;
    bool m_running = false;
    bool m_everConnected = false;
    bool m_feedOpen = false;     // the handshake succeeded
    bool m_feedExpected = false; // a close of the socket is news (not our own stop())
    int m_initialRetryMs = 1000;
    int m_maxRetryMs = 30000;
    int m_retryMs = 1000;
    int m_caughtUpCount = 0;
    QObject *m_attempt = nullptr; // context of the current attempt's requests
    QTimer m_retryTimer;
    QTimer m_countdown;
    QTimer m_liveness;
    QTimer m_deviceRefresh;
    QElapsedTimer m_lastHeard;
};
