// One line about the bridges (GET /api/bridges, every REFRESH_MS): each bridge online or
// offline, and its outbox when something waits in it. A server without the endpoint (404)
// shows nothing; so does one with no bridge. Asked only while connected, and again at each hello.

import { api, ApiError } from './api.js';
import { t } from './i18n.js';

const REFRESH_MS = 30000;

export class Bridges {
    constructor({ line, isConnected, onAuthError }) {
        Object.assign(this, { line, isConnected, onAuthError });
        this.timer = 0;
        line.hidden = true;
    }

    start() {
        clearInterval(this.timer);
        this.refresh();
        this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    }

    async refresh() {
        if (!this.isConnected())
            return; // the next hello refreshes it
        try {
            const bridges = await api('api/bridges');
            this.render(Array.isArray(bridges) ? bridges : []);
        } catch (error) {
            if (this.onAuthError(error))
                return;
            if (!(error instanceof ApiError) || error.status !== 404)
                console.warn('vigil: bridges could not be loaded', error);
            this.render([]);
        }
    }

    render(bridges) {
        this.line.hidden = !bridges.length;
        const parts = bridges.map((bridge) => {
            const item = document.createElement('span');
            item.className = 'bridge';
            item.dataset.state = bridge.online ? 'online' : 'offline';
            const words = [t(bridge.online ? 'bridgeOnline' : 'bridgeOffline', { id: bridge.bridge_id })];
            if (bridge.outbox_depth > 0)
                words.push(t('bridgeOutbox', { n: bridge.outbox_depth }));
            if (bridge.dead_letters > 0)
                words.push(t('bridgeDead', { n: bridge.dead_letters }));
            item.textContent = words.join(', ');
            return item;
        });
        const label = document.createElement('span');
        label.className = 'bridges-label';
        label.textContent = t('bridgesLabel');
        this.line.replaceChildren(...(parts.length ? [label, ...parts] : []));
    }
}
