#pragma once

class QTcpSocket;

// Why: QNetworkAccessManager, the HTTP client of the bridge and the dashboard, writes a large
// body in 16 KiB pieces with Nagle on, so each piece waits for our ACK of the one before; on a
// keep-alive connection Linux holds that ACK for up to 40 ms, hoping to send it with the answer,
// which cannot come before the body has arrived. That stall made every batch of the bridge take
// 40 ms more than its work.
namespace QuickAck {

// Turns Nagle off on the socket and, on Linux, acknowledges every read at once (TCP_QUICKACK is
// not sticky: the kernel drops back to delayed ACKs, so it is set again on each read).
void enable(QTcpSocket *socket);

} // namespace QuickAck
