#pragma once

class QHttpServerResponder;
struct HttpReply;

// Writes an HttpReply through a QHttpServerResponder, whose write API differs between Qt 6.4
// (status line, headers and body one by one) and Qt 6.8 (one write() with QHttpHeaders, which
// adds the Content-Length itself).
namespace ReplyWriter {
void write(QHttpServerResponder &responder, const HttpReply &reply);
}
