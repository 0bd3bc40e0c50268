#pragma once

#include <QtGlobal>

#include <optional>

// Software debounce of a GPIO line's edges, on the edges' own timestamps (kernel or monotonic
// nanoseconds), never on the time they were read. libgpiod 1.6 has none, and libgpiod 2's
// depends on the GPIO driver, so both backends use this one for the same behaviour.
//
// Leading edge with a lockout: an edge that changes the accepted level is passed on at once,
// then every edge within `window` after it is treated as bounce. Because a real level change
// can hide inside the lockout (a release 10 ms after a press), the last raw level is
// remembered; once the lockout is over, settle() passes on that level if it differs from the
// accepted one, with the timestamp of the raw edge that set it. Two active edges in a row
// outside the lockout are two activations (an inactive edge was missed in between, or the
// simulated input said so twice). A pure value class: no clock, no Qt objects, any thread.
class Debouncer
{
public:
    struct Edge
    {
        bool active = false;
        qint64 timestampNs = 0;
        friend bool operator==(const Edge &, const Edge &) = default;
    };

    explicit Debouncer(qint64 windowNs = 0)
        : m_windowNs(windowNs)
    {}

    // A raw edge from the line. Returns the edge to act on, if any. Call settle(timestampNs)
    // first so that a level change hidden in the previous lockout comes out before this one.
    std::optional<Edge> feed(bool active, qint64 timestampNs);

    // Passes on the hidden level change once the lockout that hid it has ended at `nowNs`.
    std::optional<Edge> settle(qint64 nowNs);

    // When settle() will have something to pass on, if anything is pending.
    std::optional<qint64> settleDeadlineNs() const;

    bool level() const { return m_level; }

private:
    qint64 m_windowNs;
    bool m_level = false; // the accepted level; a line starts inactive
    bool m_hasAccepted = false;
    qint64 m_acceptedNs = 0;
    bool m_rawLevel = false;
    qint64 m_rawNs = 0;
};
