#pragma once

#include "httpreply.h"

#include <QString>

#include <optional>

class QHttpServerRequest;

// A group of routes that belong together (events, mode, devices, health, static files).
// VigilHttpServer asks each group in turn; the first that recognises the path answers,
// including 405 for a method the path does not take.
class RouteGroup
{
public:
    virtual ~RouteGroup() = default;

    // nullopt when `path` is not one of this group's.
    virtual std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                            const QString &path) = 0;
};
