#include "auditroutes.h"

#include "alarmstore.h"
#include "querynumber.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAudit, "vigil.server.audit")

std::optional<HttpReply> AuditRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    if (path != u"/api/audit")
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed("GET"_ba);
    const QUrlQuery query(request.url());
    int limit = DefaultLimit;
    if (query.hasQueryItem(u"limit"_s)) {
        const auto given = QueryNumber::positive(query.queryItemValue(u"limit"_s));
        if (!given)
            return HttpReply::error(400, u"limit: expected a whole number from 1 (64-bit)"_s);
        limit = int(std::min<qint64>(*given, MaxLimit));
    }
    std::optional<qint64> beforeId;
    if (query.hasQueryItem(u"before_id"_s)) {
        beforeId = QueryNumber::positive(query.queryItemValue(u"before_id"_s));
        if (!beforeId)
            return HttpReply::error(400, u"before_id: expected a whole number from 1 (64-bit)"_s);
    }
    QString error;
    const auto entries = m_context.alarmStore->audit(limit, beforeId, &error);
    if (!entries) {
        qCWarning(lcAudit) << "store failed:" << error;
        return HttpReply::error(503, u"storage unavailable, try again"_s);
    }
    QJsonArray rows;
    for (const AuditEntry &entry : *entries)
        rows.append(entry.toJson());
    return HttpReply::json(200, rows);
}
