#include "alertsound.h"
#include "pulseaudioserver.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QAudioFormat pcm16(int rate, int channels)
{
    QAudioFormat format;
    format.setSampleRate(rate);
    format.setChannelCount(channels);
    format.setSampleFormat(QAudioFormat::Int16);
    return format;
}

QList<qint16> samplesOf(const QByteArray &pcm)
{
    const auto *data = reinterpret_cast<const qint16 *>(pcm.constData());
    return QList<qint16>(data, data + pcm.size() / qsizetype(sizeof(qint16)));
}

// Sign changes per second in [from, to) of a mono signal: twice its frequency.
double crossingsPerSecond(const QList<qint16> &mono, qsizetype from, qsizetype to, int rate)
{
    int crossings = 0;
    for (qsizetype i = from + 1; i < to; ++i) {
        if ((mono.at(i - 1) < 0) != (mono.at(i) < 0))
            ++crossings;
    }
    return crossings * double(rate) / double(to - from);
}

} // namespace

class tst_AlertSound : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chimeLastsItsLengthInAnyFormat_data();
    void chimeLastsItsLengthInAnyFormat();
    void chimeStartsAndEndsSilentAndNeverClips();
    void chimeFalls();
    void mutedNeverRings();
    void aNewAlertRingsTheChimeToItsEnd();
    void aDisarmStopsTheChime();

private:
    PulseAudioServer m_pulseAudio;
};

// A real sound server with a null sink is the default output of this process from here on.
void tst_AlertSound::initTestCase()
{
    if (!PulseAudioServer::isInstalled())
        return; // the playback test says it skipped
    QString error;
    QVERIFY2(m_pulseAudio.start(&error), qPrintable(error));
}

void tst_AlertSound::chimeLastsItsLengthInAnyFormat_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    QTest::newRow("22 kHz mono") << 22050 << 1;
    QTest::newRow("48 kHz stereo") << 48000 << 2;
}

void tst_AlertSound::chimeLastsItsLengthInAnyFormat()
{
    QFETCH(int, rate);
    QFETCH(int, channels);
    const QList<qint16> samples = samplesOf(AlertSound::chime(pcm16(rate, channels)));
    QCOMPARE(samples.size(), qsizetype(rate) * AlertSound::ChimeMs / 1000 * channels);
    // Every channel plays the same sound.
    for (qsizetype i = 0; i + channels <= samples.size(); i += channels) {
        for (int channel = 1; channel < channels; ++channel)
            QCOMPARE(samples.at(i + channel), samples.at(i));
    }
}

void tst_AlertSound::chimeStartsAndEndsSilentAndNeverClips()
{
    const QList<qint16> samples = samplesOf(AlertSound::chime(pcm16(22050, 1)));
    QCOMPARE(samples.first(), qint16(0));
    QVERIFY(qAbs(samples.last()) < 500); // faded out: no click when the sink stops
    int peak = 0;
    for (const qint16 sample : samples)
        peak = std::max(peak, qAbs(int(sample)));
    QVERIFY2(peak > 32767 / 3, "loud enough to be heard across a room");
    QVERIFY2(peak < 32767 * 3 / 4, "headroom: never clips");
}

void tst_AlertSound::chimeFalls()
{
    const int rate = 22050;
    const QList<qint16> samples = samplesOf(AlertSound::chime(pcm16(rate, 1)));
    const qsizetype third = samples.size() / 3;
    const double first = crossingsPerSecond(samples, 0, third, rate);
    const double second = crossingsPerSecond(samples, third, 2 * third, rate);
    const double last = crossingsPerSecond(samples, 2 * third, samples.size(), rate);
    QVERIFY2(first > second && second > last,
             qPrintable(u"%1 > %2 > %3"_s.arg(first).arg(second).arg(last)));
    QVERIFY(last > 2 * 500.0); // an audible tone, not a hum
}

void tst_AlertSound::mutedNeverRings()
{
    AlertSound sound;
    sound.setMuted(true);
    QVERIFY(!sound.ring());
}

void tst_AlertSound::aNewAlertRingsTheChimeToItsEnd()
{
    if (!PulseAudioServer::isInstalled())
        QSKIP("pulseaudio is not installed (PipeWire serves this desktop's sound), so the "
              "chime is not played here; CI plays it");
    AlertSound sound;
    QVERIFY(sound.ring());
    QVERIFY(sound.isRinging());
    // A second alert while the chime plays starts it over rather than opening a second stream.
    QVERIFY(sound.ring());
    QVERIFY(sound.isRinging());
    // The sink plays the chime at the card's pace (0.6 s) and then falls silent...
    QTRY_VERIFY_WITH_TIMEOUT(!sound.isRinging(), 10000);
    // ...and the next alert rings again.
    QVERIFY(sound.ring());
    QVERIFY(sound.isRinging());
}

// The entry delay's chime is cut short when the alarm is disarmed, and rings again afterwards.
void tst_AlertSound::aDisarmStopsTheChime()
{
    if (!PulseAudioServer::isInstalled())
        QSKIP("pulseaudio is not installed (PipeWire serves this desktop's sound), so the "
              "chime is not played here; CI plays it");
    AlertSound sound;
    sound.stop(); // before any chime: nothing to stop, no sink made
    QVERIFY(!sound.isRinging());
    QVERIFY(sound.ring());
    QVERIFY(sound.isRinging());
    sound.stop();
    QVERIFY(!sound.isRinging());
    QVERIFY(sound.ring());
    QVERIFY(sound.isRinging());
}

QTEST_MAIN(tst_AlertSound)
#include "tst_alertsound.moc"
