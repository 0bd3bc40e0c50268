#include "alertsound.h"

#include <QAudioDevice>
#include <QAudioSink>
#include <QLoggingCategory>
#include <QMediaDevices>
#include <QtMath>

#include <algorithm>
#include <iterator>

Q_LOGGING_CATEGORY(lcSound, "vigil.dashboard.sound")

namespace {

constexpr double NotesHz[] = {1318.5, 1046.5, 784.0}; // E6, C6, G5: falling, like a doorbell
constexpr double Loudness = 0.5;                      // of full scale
constexpr double FadeSeconds = 0.01;

QAudioFormat preferredFormat(const QAudioDevice &device)
{
    QAudioFormat format;
    format.setSampleRate(22050);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    if (device.isFormatSupported(format))
        return format;
    // Most outputs take 16-bit at their own rate and channel count.
    format = device.preferredFormat();
    format.setSampleFormat(QAudioFormat::Int16);
    return format;
}

} // namespace

AlertSound::AlertSound(QObject *parent)
    : QObject(parent)
{}

AlertSound::~AlertSound()
{
    if (m_sink)
        m_sink->stop();
}

QByteArray AlertSound::chime(const QAudioFormat &format)
{
    const int rate = format.sampleRate();
    const int channels = std::max(1, format.channelCount());
    const int frames = rate * ChimeMs / 1000;
    const int framesPerNote = frames / int(std::size(NotesHz));
    const double fadeFrames = FadeSeconds * rate;

    QByteArray pcm(qsizetype(frames) * channels * qsizetype(sizeof(qint16)), '\0');
    auto *out = reinterpret_cast<qint16 *>(pcm.data());
    for (int frame = 0; frame < frames; ++frame) {
        const int note = std::min(frame / framesPerNote, int(std::size(NotesHz)) - 1);
        const int inNote = frame - note * framesPerNote;
        const double envelope =
            std::min({1.0, inNote / fadeFrames, (framesPerNote - 1 - inNote) / fadeFrames});
        const double value =
            Loudness * std::max(0.0, envelope) * qSin(2.0 * M_PI * NotesHz[note] * frame / rate);
        const auto sample = qint16(qRound(value * 32767.0));
        for (int channel = 0; channel < channels; ++channel)
            *out++ = sample;
    }
    return pcm;
}

bool AlertSound::isRinging() const
{
    return m_sink && m_sink->state() == QAudio::ActiveState;
}

void AlertSound::stop()
{
    if (m_sink && m_sink->state() != QAudio::StoppedState)
        m_sink->stop();
}

bool AlertSound::ring()
{
    if (m_muted)
        return false;
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull()) {
        if (!m_reportedNoOutput)
            qCInfo(lcSound) << "no audio output on this machine: alerts are shown, not heard";
        m_reportedNoOutput = true;
        return false;
    }
    if (!m_sink || m_sinkDevice != device.id()) {
        delete m_sink;
        const QAudioFormat format = preferredFormat(device);
        m_sink = new QAudioSink(device, format, this);
        m_sinkDevice = device.id();
        m_samples.close();
        m_samples.setData(chime(format));
        m_samples.open(QIODevice::ReadOnly);
    }
    // Alerts that come together (a catch-up after a reconnect) ring one chime, from its start.
    m_samples.seek(0);
    if (m_sink->state() == QAudio::ActiveState)
        return true;
    m_sink->stop(); // from idle (the last chime ended) back to a clean start
    m_sink->start(&m_samples);
    if (m_sink->error() != QAudio::NoError) {
        qCWarning(lcSound) << "cannot play the alert sound on" << device.description();
        return false;
    }
    return true;
}
