#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QQuickWindow;
class ServerConnection;

// --screenshot: waits until the connection has shown the server's first data (or `timeout`),
// lets the window render that, saves it as PNG and reports. Created by main(); GUI thread.
class ScreenshotTaker : public QObject
{
    Q_OBJECT
public:
    ScreenshotTaker(QQuickWindow *window, ServerConnection *connection, QString path,
                    QObject *parent = nullptr);

    void start(std::chrono::milliseconds timeout);

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void waitForFrame();
    void grab();

    QPointer<QQuickWindow> m_window;
    ServerConnection *m_connection;
    QString m_path;
    QTimer m_timeout;
    bool m_waiting = false;
    bool m_grabbed = false;
};
