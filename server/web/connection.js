// The live link to the server: one WebSocket at a time, reconnected with capped exponential
// backoff, and an honest state for the page to show: 'connecting', 'connected', 'reconnecting'
// (with the time of the next attempt) or 'auth' (a token is needed, or the one we have was refused).

import { api, AuthError, currentToken, webSocketUrl } from './api.js';

// The first retry waits a full second: a server that just restarted gets time to settle, and a
// page never hammers it. The cap keeps a Pi screen from waiting long after an outage.
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 15000;
const POLICY_VIOLATION = 1008; // the server's close code for a missing or wrong token

export class Connection {
    constructor({ onHello, onEvent, onMode, onAlarm, onState }) {
        this.handlers = { onHello, onEvent, onMode, onAlarm, onState };
        this.socket = null;
        this.failures = 0;
        this.timer = 0;
        this.state = 'connecting';
        this.retryAt = 0;
        this.tokenRejected = false;
    }

    start() {
        this.connect();
    }

    // Reconnects at once: after a new token, a "retry now" click, or the network coming back.
    retryNow() {
        clearTimeout(this.timer);
        if (this.socket)
            return;
        this.failures = 0;
        this.connect();
    }

    // An HTTP request was refused with 401: the token is missing or no longer valid.
    authFailed() {
        this.closeSocket();
        this.enterAuth();
    }

    connect() {
        this.setState('connecting');
        let helloSeen = false;
        const socket = new WebSocket(webSocketUrl());
        this.socket = socket;
        socket.addEventListener('message', (message) => {
            let payload;
            try {
                payload = JSON.parse(message.data);
            } catch {
                console.warn('vigil: ignoring a WebSocket message that is not JSON');
                return;
            }
            if (payload.kind === 'hello') {
                helloSeen = true;
                this.failures = 0;
                this.tokenRejected = false;
                this.setState('connected');
                this.handlers.onHello(payload);
            } else if (payload.kind === 'event' && payload.event) {
                this.handlers.onEvent(payload.event);
            } else if (payload.kind === 'mode' && payload.mode) {
                this.handlers.onMode(payload.mode);
            } else if (payload.kind === 'alarm' && payload.alarm) {
                this.handlers.onAlarm(payload.alarm);
            }
        });
        socket.addEventListener('close', (closeEvent) => {
            if (this.socket !== socket)
                return; // closed on purpose by closeSocket()
            this.socket = null;
            if (closeEvent.code === POLICY_VIOLATION)
                this.enterAuth();
            else if (helloSeen)
                this.scheduleRetry();
            else
                this.diagnoseRefusal();
        });
    }

    // A browser hides why a WebSocket upgrade failed; an authenticated request tells a refused
    // token (401) apart from a server that is simply not there.
    async diagnoseRefusal() {
        try {
            await api('api/mode');
        } catch (error) {
            if (error instanceof AuthError) {
                this.enterAuth();
                return;
            }
        }
        this.scheduleRetry();
    }

    scheduleRetry() {
        const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.failures);
        // Jitter spreads the reconnects of many screens after a server restart.
        const delay = base * (1 + Math.random() * 0.25);
        this.failures += 1;
        this.retryAt = Date.now() + delay;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.connect(), delay);
        this.setState('reconnecting');
    }

    enterAuth() {
        clearTimeout(this.timer);
        this.tokenRejected = Boolean(currentToken());
        this.setState('auth');
    }

    closeSocket() {
        const socket = this.socket;
        this.socket = null;
        socket?.close();
    }

    setState(state) {
        this.state = state;
        this.handlers.onState(this);
    }
}
