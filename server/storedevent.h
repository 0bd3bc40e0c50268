#pragma once

#include <QJsonObject>
#include <QString>

// One event as the server stores and returns it:
// {"id", "type", "device_id", "details", "received_at", "alert"}, plus "late": true for an
// alert that happened while armed and arrived after a disarm (never "late": false, so that the
// guide's shape is unchanged). A plain value; any thread.
struct StoredEvent
{
    qint64 id = 0;
    QString type;
    QString deviceId;
    QJsonObject details;
    qint64 receivedAtMs = 0; // Unix time in milliseconds
    bool alert = false;
    bool late = false;

    QJsonObject toJson() const;

    // "2026-11-23T22:47:11.123Z": UTC with milliseconds, the contract's time format.
    static QString formatTime(qint64 msecsSinceEpoch);
};

// An event accepted by validation and about to be stored.
struct NewEvent
{
    QString type;
    QString deviceId;
    QJsonObject details; // {} when the request had none
    bool alert = false;
    bool late = false;
};
