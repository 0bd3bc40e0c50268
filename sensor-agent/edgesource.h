#pragma once

#include <QObject>
#include <QString>

// Where a sensor's edges come from: a GPIO line (GpiodEdgeSource) or standard input
// (StdinEdgeSource, SIMULATE=stdin). Lives on the thread of the event loop that drives it;
// its owner deletes it. Timestamps are CLOCK_MONOTONIC nanoseconds (see MonotonicClock).
class EdgeSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Opens the input and starts watching it from the event loop. On failure returns false with
    // errorString() saying what is wrong and errorSetting() naming the setting to fix.
    virtual bool start() = 0;

    QString errorString() const { return m_errorString; }
    QString errorSetting() const { return m_errorSetting; }

Q_SIGNALS:
    void edge(bool active, qint64 timestampNs);
    void finished(); // the input has ended (EOF of the simulated input); a GPIO line never ends
    void failed();   // the input broke after start() (errorString() says how); no more edges

protected:
    bool fail(const QString &setting, const QString &message);
    void setErrorString(const QString &message) { m_errorString = message; }

private:
    QString m_errorString;
    QString m_errorSetting;
};
