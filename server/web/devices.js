// The sensors panel: one row per (device, source) from GET /api/devices, its name (the device_id
// until it has one) and alarm role, online/offline and when each was last heard from, and a
// button that opens the sensor's editor. Refreshed after connecting and when events arrive, at most every
// REFRESH_MS, so a burst of events costs one request.

import { ListLoader } from './listloader.js';
import { relativeTime, t, typeLabel } from './i18n.js';
import { roleLabel } from './sensoreditor.js';

const REFRESH_MS = 2000;

export class Devices {
    constructor({ list, summary, errorNote, onAuthError, onDevices, onEdit }) {
        this.list = list;
        this.onEdit = onEdit;
        this.rows = [];
        this.summary = summary;
        this.errorNote = errorNote;
        this.onAuthError = onAuthError;
        this.onDevices = onDevices;
        this.timer = 0;
        this.lastRefresh = 0;
        this.loader = new ListLoader({
            path: 'api/devices', errorNote, failedKey: 'devicesFailed', onAuthError,
            onStart: () => { this.lastRefresh = Date.now(); },
            render: (devices) => this.render(devices),
        });
        this.clockOffset = 0;
        this.render([]);
    }

    // Status events change what the panel says at once; any other event only its "last seen".
    eventArrived(event) {
        if (event.type === 'sensor_online' || event.type === 'sensor_offline')
            this.refresh();
        else
            this.refreshSoon();
    }

    refreshSoon() {
        if (this.timer)
            return;
        const wait = Math.max(0, this.lastRefresh + REFRESH_MS - Date.now());
        this.timer = setTimeout(() => {
            this.timer = 0;
            this.refresh();
        }, wait);
    }

    refresh() {
        return this.loader.load();
    }

    // The sensor's name, or null when it has none (or is unknown to the page).
    nameOf(deviceId, source) {
        const row = this.rows.find((device) => device.device_id === deviceId && (device.source ?? '') === (source ?? ''));
        return row?.name || null;
    }

    render(devices) {
        this.rows = devices;
        const rows = devices.map((device) => this.renderDevice(device));
        if (!rows.length) {
            const none = document.createElement('li');
            none.className = 'device-none';
            none.textContent = t('devicesNone');
            rows.push(none);
        }
        this.list.replaceChildren(...rows);
        const online = devices.filter((device) => device.online === true).length;
        this.summary.textContent = devices.length ? t('devicesSummary', { online, total: devices.length }) : '';
        this.onDevices(devices);
        this.tick(Date.now());
    }

    tick(now) {
        for (const time of this.list.querySelectorAll('time[datetime]')) {
            const text = t('lastSeen', { when: relativeTime(Date.parse(time.dateTime), now - this.clockOffset) });
            if (time.textContent !== text)
                time.textContent = text;
        }
    }

    renderDevice(device) {
        const row = document.createElement('li');
        row.className = 'device';
        const state = device.online === true ? 'online' : device.online === false ? 'offline' : 'unknown';
        row.dataset.state = state;
        row.dataset.device = device.device_id;
        row.dataset.source = device.source ?? '';

        const dot = document.createElement('span');
        dot.className = 'device-dot';
        dot.setAttribute('aria-hidden', 'true');

        const name = document.createElement('span');
        name.className = 'device-name';
        name.textContent = device.name || device.device_id;
        const source = document.createElement('span');
        source.className = 'device-source';
        // With a name, the device_id moves next to the source, so the pair stays readable.
        source.textContent = device.name ? `${device.device_id} · ${device.source ?? ''}` : device.source ?? '';

        const role = document.createElement('span');
        role.className = 'device-role';
        role.dataset.role = device.role ?? '';
        role.textContent = roleLabel(device.role);

        const edit = document.createElement('button');
        edit.type = 'button';
        edit.className = 'device-edit link-button';
        edit.textContent = t('sensorEdit');
        edit.setAttribute('aria-label', t('sensorEditLabel', { name: device.name || device.device_id }));
        edit.addEventListener('click', () => this.onEdit(device));

        const status = document.createElement('span');
        status.className = 'device-state';
        status.textContent = t(state === 'unknown' ? 'statusUnknown' : state);

        const meta = document.createElement('span');
        meta.className = 'device-meta';
        const lastSeen = new Date(device.last_seen);
        if (!Number.isNaN(lastSeen.getTime())) {
            const time = document.createElement('time');
            time.dateTime = lastSeen.toISOString();
            meta.append(time);
        }
        if (device.last_type) {
            const last = document.createElement('span');
            last.textContent = t('lastType', { type: typeLabel(device.last_type) });
            meta.append(last);
        }

        row.append(dot, name, status, source, role, edit, meta);
        return row;
    }
}
