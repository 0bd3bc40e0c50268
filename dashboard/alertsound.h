#pragma once

#include <QAudioFormat>
#include <QBuffer>
#include <QObject>

class QAudioSink;

// The sound of a new alert: a short falling chime, generated here (no sound file to ship),
// played on the system's default audio output. A screen with no audio output stays silent and
// says so once in the log. Connected to AlertController::raised by main(); GUI thread.
class AlertSound : public QObject
{
    Q_OBJECT
public:
    explicit AlertSound(QObject *parent = nullptr);
    ~AlertSound() override;

    void setMuted(bool muted) { m_muted = muted; }

    // Starts the chime from its beginning; false when muted or when there is no audio output.
    bool ring();
    bool isRinging() const;
    // Stops a chime that is playing (a disarm during the entry delay).
    void stop();

    // The chime as 16-bit signed PCM in `format` (its rate and channel count): three falling
    // notes, each faded in and out so that the speaker does not click.
    static QByteArray chime(const QAudioFormat &format);
    static constexpr int ChimeMs = 600;

private:
    bool m_muted = false;
    bool m_reportedNoOutput = false;
    QAudioSink *m_sink = nullptr; // made on the first alert, kept while the output stays
    QByteArray m_sinkDevice;
    QBuffer m_samples;
};
