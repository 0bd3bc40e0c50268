// The server's clock as seen from the page. A countdown to the server's delay_ends_at must not
// trust the browser's clock (a tablet can be minutes off), and the server sends no time of its
// own, so the page learns the offset from what it receives live: an event's received_at, or a
// live alarm change's changed_at, was the server's time a little before the message arrived.
// Each sample is therefore the true offset plus the transit time; the smallest of the recent
// ones is the best estimate (the recent ones only, so a corrected local clock is followed).

const SAMPLES = 8;

export class ServerClock {
    constructor() {
        this.samples = [];
    }

    // `iso` is a time the server stamped just before sending what arrived now.
    observe(iso, arrivedAt = Date.now()) {
        const serverTime = Date.parse(iso);
        if (!Number.isFinite(serverTime))
            return;
        this.samples.push(arrivedAt - serverTime);
        if (this.samples.length > SAMPLES)
            this.samples.shift();
    }

    // Local time minus server time, in ms; 0 until something was observed.
    get offset() {
        return this.samples.length ? Math.min(...this.samples) : 0;
    }

    now(localNow = Date.now()) {
        return localNow - this.offset;
    }
}
