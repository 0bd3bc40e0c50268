// The event list: newest on top, each event once (keyed by its server id), filtered by type and
// device, with older pages fetched on demand. Invariant: every event matching the filter whose
// id is >= coveredFrom is in the list, so "load older" asks for before_id=coveredFrom.

import { api, eventsPath } from './api.js';
import { eventIcon } from './icons.js';
import { absoluteTime, relativeTime, t, typeLabel } from './i18n.js';

const PAGE_SIZE = 50;
// A screen left open for weeks must not grow without end: past this, live events push the
// oldest rows out (they stay reachable through "load older").
const MAX_ROWS = 2000;

export class Feed {
    constructor({ list, emptyNote, moreButton, endNote, errorNote, onAuthError, onError, onKnown }) {
        this.list = list;
        this.emptyNote = emptyNote;
        this.moreButton = moreButton;
        this.endNote = endNote;
        this.errorNote = errorNote;
        this.onAuthError = onAuthError;
        this.onError = onError;
        this.onKnown = onKnown;
        this.filter = { type: '', deviceId: '' };
        this.rows = new Map(); // id -> <li>
        this.coveredFrom = Infinity;
        this.exhausted = false;
        this.loading = null;
        this.started = false; // nothing to page back from before the first hello or filter
        this.generation = 0; // bumped on every reset so a late page of an old filter is dropped
        this.clockOffset = 0;
        this.knownTypes = new Set(['motion_detected', 'button_pressed', 'sensor_online', 'sensor_offline']);
        this.knownDevices = new Set();

        moreButton.addEventListener('click', () => this.loadOlder());
        // Scrolling near the end of the list loads the next page.
        new IntersectionObserver((entries) => {
            if (entries.some((entry) => entry.isIntersecting))
                this.loadOlder();
        }, { rootMargin: '300px' }).observe(moreButton);
        this.renderFooter();
    }

    matches(event) {
        return (!this.filter.type || event.type === this.filter.type)
            && (!this.filter.deviceId || event.device_id === this.filter.deviceId);
    }

    // Replaces the whole list, e.g. with the hello's newest events. `complete` says the server
    // has nothing older than these.
    replace(events, complete) {
        this.clear();
        this.started = true;
        this.insertAll(events);
        this.coveredFrom = Math.min(this.coveredFrom, ...events.map((event) => event.id));
        this.exhausted = complete;
        this.renderFooter();
    }

    // Adds events newer than what the list covers (live, or caught up after a reconnect).
    // Returns those that were new to the list.
    addNew(events) {
        const added = this.insertAll(events);
        if (this.coveredFrom === Infinity && added.length)
            this.coveredFrom = Math.min(...added.map((event) => event.id));
        this.trim();
        this.renderFooter();
        return added;
    }

    async setFilter(filter) {
        this.filter = { ...filter };
        this.clear();
        this.started = true;
        this.renderFooter();
        await this.loadOlder();
    }

    loadOlder() {
        if (this.loading || this.exhausted || !this.started)
            return this.loading;
        const generation = this.generation;
        const beforeId = Number.isFinite(this.coveredFrom) ? this.coveredFrom : undefined;
        const path = eventsPath({ beforeId, type: this.filter.type, deviceId: this.filter.deviceId, limit: PAGE_SIZE });
        this.errorNote.hidden = true;
        this.loading = api(path)
            .then((page) => {
                if (generation !== this.generation)
                    return;
                this.insertAll(page);
                if (page.length)
                    this.coveredFrom = Math.min(this.coveredFrom, ...page.map((event) => event.id));
                this.exhausted = page.length < PAGE_SIZE;
            })
            .catch((error) => {
                if (generation !== this.generation)
                    return;
                if (this.onAuthError(error))
                    return;
                this.errorNote.textContent = t('historyFailed', { error: error.message });
                this.errorNote.hidden = false;
            })
            .finally(() => {
                this.loading = null;
                this.renderFooter();
                // The observer only reports changes: a page too short to push the button out of
                // view must ask for the next one itself.
                requestAnimationFrame(() => {
                    if (generation === this.generation && nearViewport(this.moreButton))
                        this.loadOlder();
                });
            });
        this.renderFooter();
        return this.loading;
    }

    clear() {
        this.generation += 1;
        this.rows.clear();
        this.list.replaceChildren();
        this.coveredFrom = Infinity;
        this.exhausted = false;
        this.loading = null;
    }

    insertAll(events) {
        const added = [];
        for (const event of events) {
            this.learn(event);
            if (this.rows.has(event.id) || !this.matches(event))
                continue;
            const row = renderEvent(event);
            this.rows.set(event.id, row);
            this.place(row, event.id);
            added.push(event);
        }
        if (added.length)
            this.tick(Date.now());
        return added;
    }

    // Keeps the list sorted by id, newest first. Live events go on top and history at the bottom,
    // so the common cases are a single comparison.
    place(row, id) {
        const first = this.list.firstElementChild;
        if (!first || Number(first.dataset.id) < id) {
            this.list.prepend(row);
            return;
        }
        const last = this.list.lastElementChild;
        if (Number(last.dataset.id) > id) {
            this.list.append(row);
            return;
        }
        for (const other of this.list.children) {
            if (Number(other.dataset.id) < id) {
                this.list.insertBefore(row, other);
                return;
            }
        }
        this.list.append(row);
    }

    trim() {
        while (this.rows.size > MAX_ROWS) {
            const last = this.list.lastElementChild;
            const id = Number(last.dataset.id);
            last.remove();
            this.rows.delete(id);
            this.coveredFrom = id + 1;
            this.exhausted = false;
        }
    }

    learn(event) {
        const before = this.knownTypes.size + this.knownDevices.size;
        this.knownTypes.add(event.type);
        this.knownDevices.add(event.device_id);
        if (this.knownTypes.size + this.knownDevices.size !== before)
            this.onKnown();
    }

    // Updates every relative time; called each second. The offset corrects a client clock that
    // disagrees with the server's (a Pi without network time).
    tick(now) {
        for (const time of this.list.querySelectorAll('time[datetime]')) {
            const text = relativeTime(Date.parse(time.dateTime), now - this.clockOffset);
            if (time.textContent !== text)
                time.textContent = text;
        }
    }

    renderFooter() {
        const empty = this.rows.size === 0;
        const filtered = Boolean(this.filter.type || this.filter.deviceId);
        this.emptyNote.hidden = !(empty && this.exhausted);
        this.emptyNote.textContent = t(filtered ? 'noMatchingEvents' : 'noEvents');
        this.moreButton.hidden = this.exhausted || !this.started;
        this.moreButton.disabled = Boolean(this.loading);
        this.moreButton.textContent = t(this.loading ? 'loadingOlder' : 'loadOlder');
        this.endNote.hidden = !(this.exhausted && !empty);
    }
}

function renderEvent(event) {
    const row = document.createElement('li');
    row.className = 'event';
    row.dataset.id = String(event.id);
    row.dataset.type = event.type;
    if (event.alert)
        row.classList.add('is-alert');

    const iconBox = document.createElement('span');
    iconBox.className = `event-icon type-${cssToken(event.type)}`;
    iconBox.append(eventIcon(event.type));

    const body = document.createElement('div');
    body.className = 'event-body';

    const head = document.createElement('div');
    head.className = 'event-head';
    const type = document.createElement('span');
    type.className = 'event-type';
    type.textContent = typeLabel(event.type);
    head.append(type);
    if (event.alert) {
        const badge = document.createElement('span');
        badge.className = 'badge badge-alert';
        badge.textContent = t('alertBadge');
        head.append(badge);
    }
    const time = document.createElement('time');
    time.className = 'event-time';
    const received = new Date(event.received_at);
    if (!Number.isNaN(received.getTime())) {
        time.dateTime = received.toISOString();
        time.title = absoluteTime(received);
    }
    head.append(time);

    const where = document.createElement('div');
    where.className = 'event-where';
    const device = document.createElement('span');
    device.className = 'event-device';
    device.textContent = event.device_id;
    where.append(device);
    const source = event.details?.source;
    if (typeof source === 'string' && source) {
        const sourceElement = document.createElement('span');
        sourceElement.className = 'event-source';
        sourceElement.textContent = source;
        where.append(sourceElement);
    }

    const details = document.createElement('details');
    details.className = 'event-details';
    const summary = document.createElement('summary');
    summary.textContent = t('details');
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify({ id: event.id, received_at: event.received_at, details: event.details }, null, 2);
    details.append(summary, pre);

    body.append(head, where, details);
    row.append(iconBox, body);
    return row;
}

function nearViewport(element) {
    if (element.hidden)
        return false;
    const box = element.getBoundingClientRect();
    return box.top < window.innerHeight + 300 && box.bottom > -300;
}

// Types are [a-z0-9_] by contract; anything else must not leak into a class name.
function cssToken(text) {
    return String(text).replace(/[^a-z0-9_-]/gi, '_');
}
