#pragma once

#include "feedparser.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class DashboardApi;

// The system's mode ("active" or "surveillance"; empty until the server has said) and the
// request to change it. The mode is only ever what the server said: setMode() asks through
// PUT /api/mode, and the answer or the feed's broadcast (apply()) changes `mode`. Owned by
// ServerConnection, which hands it the feed's modes; the DashboardApi must outlive it. GUI thread.
class ModeControl : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ModeControl belongs to a ServerConnection")
    Q_PROPERTY(QString mode READ mode NOTIFY modeChanged)
    Q_PROPERTY(bool surveillance READ isSurveillance NOTIFY modeChanged)
    Q_PROPERTY(QDateTime changedAt READ changedAt NOTIFY modeChanged)
    Q_PROPERTY(bool pending READ isPending NOTIFY pendingChanged)
public:
    explicit ModeControl(DashboardApi *api, QObject *parent = nullptr);

    QString mode() const { return m_mode; }
    bool isSurveillance() const { return m_mode == QLatin1String("surveillance"); }
    QDateTime changedAt() const { return m_changedAt; }
    bool isPending() const { return m_pending; }

    // What the server said the mode is (in the feed or in answer to setMode()).
    void apply(const FeedParser::Mode &mode);

    // Asks the server for "active" or "surveillance"; `mode` follows the server's answer.
    Q_INVOKABLE void setMode(const QString &mode);
    Q_INVOKABLE void toggle();

Q_SIGNALS:
    void modeChanged();
    void pendingChanged();
    void requested(const QString &mode);
    void failed(const QString &errorString);

private:
    void setPending(bool pending);

    DashboardApi *m_api;
    QString m_mode;
    QDateTime m_changedAt;
    bool m_pending = false;
};
