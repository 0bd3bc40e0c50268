// vigil-loadgen: the load generator and probes of the benchmarks (bench/run-bench.sh drives
// it). Each command prints one JSON line on stdout; diagnostics go to stderr.
#include "benchreport.h"
#include "mqttcommands.h"
#include "pipelinecommands.h"
#include "servercommands.h"
#include "soakcommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <mosquitto.h>

#include <cstdio>
#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace {

struct Command
{
    std::function<int(const QCommandLineParser &)> run;
    const char *help;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table{
        {u"publish"_s, {MqttCommands::publish, "N events QoS 1, nothing else (generator rate)"}},
        {u"broker"_s,
         {MqttCommands::broker,
          "publisher + QoS 1 subscriber: broker ceiling or latency (--rate)"}},
        {u"e2e"_s,
         {PipelineCommands::endToEnd, "burst through broker, bridge and server until stored"}},
        {u"latency"_s, {PipelineCommands::latency, "paced publish -> WebSocket latency"}},
        {u"drain"_s,
         {PipelineCommands::drain, "wait until a run's events are stored after --baseline"}},
        {u"newest-id"_s, {PipelineCommands::newestId, "id of the newest stored event"}},
        {u"post"_s, {ServerCommands::post, "POST /api/events, single (--batch 1) or batched"}},
        {u"get"_s, {ServerCommands::get, "GET /api/events?limit= round trips"}},
        {u"fanout"_s, {ServerCommands::fanout, "one event to many WebSocket clients"}},
        {u"edges"_s, {SoakCommands::edges, "paced SIMULATE=stdin lines for vigil-agent (soak)"}},
        {u"wsclients"_s,
         {SoakCommands::webSocketClients, "WebSocket clients connecting and leaving (soak)"}},
    };
    return table;
}

void addOptions(QCommandLineParser *parser)
{
    const auto option = [parser](const char *name, const char *help,
                                 const char *fallback = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help), u"value"_s);
        if (fallback)
            o.setDefaultValue(QString::fromLatin1(fallback));
        parser->addOption(o);
    };
    option("host", "MQTT broker host", "127.0.0.1");
    option("port", "MQTT broker port", "1883");
    option("topic", "MQTT topic the events are published to", "sensor/bench");
    option("server", "vigil-server base URL", "http://127.0.0.1:8000");
    option("count", "number of events");
    option("rate", "events per second (0 = burst)");
    option("seconds", "duration of a paced run");
    option("inflight", "QoS 1 messages in flight (default 100)");
    option("batch", "events per POST (1 = single object)");
    option("parallel", "requests in flight");
    option("requests", "number of GET requests");
    option("limit", "limit of each GET", "100");
    option("clients", "WebSocket clients");
    option("rounds", "fan-out rounds");
    option("run-id", "prefix of the generated event_ids");
    option("baseline", "newest stored id before the run (drain)");
    option("timeout", "give up after this many seconds");
    option("seed", "seed of the random choices (wsclients)");
    parser->addOption({u"markdown"_s, u"report as a Markdown table"_s});
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-loadgen"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    QCommandLineParser parser;
    QString description = u"Vigil's benchmark load generator. Commands:\n"_s;
    for (const auto &[name, command] : commands())
        description += u"  %1  %2\n"_s.arg(name, -10).arg(QString::fromLatin1(command.help));
    description += u"  report     print the table of a results file (--markdown)"_s;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"what to run"_s);
    parser.addPositionalArgument(u"file"_s, u"results file (report)"_s);
    addOptions(&parser);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        std::fprintf(stderr, "vigil-loadgen: a command is needed (see --help)\n");
        return 2;
    }
    const QString name = positional.first();
    if (name == u"report") {
        if (positional.size() != 2) {
            std::fprintf(stderr, "vigil-loadgen: report needs the results file\n");
            return 2;
        }
        return BenchReport::print(positional.at(1), parser.isSet(u"markdown"_s));
    }
    const auto found = commands().find(name);
    if (found == commands().end()) {
        std::fprintf(stderr, "vigil-loadgen: unknown command %s (see --help)\n", qPrintable(name));
        return 2;
    }
    mosquitto_lib_init();
    const int status = found->second.run(parser);
    mosquitto_lib_cleanup();
    return status;
}
