#include "benchcommon.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace BenchCommon {

qint64 nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

QByteArray mqttPayload(const QByteArray &runId, qint64 sequence, qint64 sentUs)
{
    // Built by hand rather than through QJsonDocument: the generator must never be the
    // bottleneck, and this keeps a payload at well under a microsecond.
    return "{\"event_id\":\""_ba + runId + '-' + QByteArray::number(sequence) +
           "\",\"device_id\":\"bench-pi\",\"source\":\"sensor-motion\","
           "\"type\":\"MOTION_DETECTED\",\"data\":{\"presence\":true,"
           "\"gpio_pin\":17,\"bench_us\":"_ba +
           QByteArray::number(sentUs) + "},\"timestamp\":1734567890.123}"_ba;
}

QByteArray backendEvent(const QByteArray &runId, qint64 sequence, qint64 sentUs)
{
    return "{\"type\":\"motion_detected\",\"device_id\":\"bench-pi\","
           "\"details\":{\"event_id\":\""_ba +
           runId + '-' + QByteArray::number(sequence) +
           "\",\"source\":\"sensor-motion\",\"data\":{\"presence\":true,"
           "\"gpio_pin\":17,\"bench_us\":"_ba +
           QByteArray::number(sentUs) +
           "},\"original_timestamp\":1734567890.123,"
           "\"mqtt_topic\":\"sensor/motion\"}}"_ba;
}

qint64 embeddedSentUs(const QByteArray &json)
{
    static const QByteArray key = "\"bench_us\":"_ba;
    const qsizetype at = json.indexOf(key);
    if (at < 0)
        return -1;
    const qsizetype begin = at + key.size();
    qsizetype end = begin;
    while (end < json.size() && json.at(end) >= '0' && json.at(end) <= '9')
        ++end;
    bool ok = false;
    const qint64 value = json.mid(begin, end - begin).toLongLong(&ok);
    return ok ? value : -1;
}

QByteArray backendBatch(const QByteArray &runId, qint64 first, int count)
{
    QByteArray body;
    body.reserve(count * 260);
    body += '[';
    const qint64 sentUs = nowUs();
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            body += ',';
        body += backendEvent(runId, first + i, sentUs);
    }
    body += ']';
    return body;
}

QByteArray newRunId(const QString &prefix)
{
    return prefix.toUtf8() + '-' + QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
}

Percentiles percentiles(QList<double> samples)
{
    Percentiles p;
    if (samples.isEmpty())
        return p;
    std::sort(samples.begin(), samples.end());
    const auto rank = [&samples](double q) {
        const auto index = qsizetype(std::ceil(q * double(samples.size()))) - 1;
        return samples.at(std::clamp<qsizetype>(index, 0, samples.size() - 1));
    };
    p.p50 = rank(0.50);
    p.p95 = rank(0.95);
    p.p99 = rank(0.99);
    p.max = samples.last();
    p.samples = samples.size();
    return p;
}

QJsonObject toJson(const Percentiles &p, const QString &unit)
{
    const auto round3 = [](double v) { return std::round(v * 1000.0) / 1000.0; };
    return {{u"p50_"_s + unit, round3(p.p50)},
            {u"p95_"_s + unit, round3(p.p95)},
            {u"p99_"_s + unit, round3(p.p99)},
            {u"max_"_s + unit, round3(p.max)},
            {u"samples"_s, p.samples}};
}

double numberOption(const QCommandLineParser &options, const QString &name, double fallback)
{
    if (!options.isSet(name))
        return fallback;
    bool ok = false;
    const double value = options.value(name).toDouble(&ok);
    if (!ok || value < 0) {
        note(u"--%1 %2: expected a number >= 0"_s.arg(name, options.value(name)));
        std::exit(2);
    }
    return value;
}

void printResult(const QJsonObject &result)
{
    const QByteArray line = QJsonDocument(result).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
}

void note(const QString &line)
{
    std::fprintf(stderr, "vigil-loadgen: %s\n", line.toLocal8Bit().constData());
}

} // namespace BenchCommon
