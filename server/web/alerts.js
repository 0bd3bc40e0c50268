// Alerts: an event stored with "alert": true raises a red banner that stays until someone
// acknowledges it, sets the tab title and beeps when the browser lets the page play sound.
// The acknowledged id is kept in localStorage, so a reload does not resurrect old alerts and an
// alert missed while the page was closed is still shown.

import { relativeTime, t, typeLabel } from './i18n.js';

const ACKED_KEY = 'vigil.ackedAlertId';

export class Alerts {
    constructor({ banner, text, where, more, acknowledgeButton, afterAcknowledge }) {
        this.banner = banner;
        this.text = text;
        this.where = where;
        this.more = more;
        this.afterAcknowledge = afterAcknowledge;
        this.pending = new Map(); // id -> event, not yet acknowledged
        this.ackedId = readAckedId();
        this.baseTitle = document.title;
        this.clockOffset = 0;
        acknowledgeButton.addEventListener('click', () => this.acknowledge());
        // Browsers only allow sound after a user gesture; the first one unlocks it for later alerts.
        for (const type of ['pointerdown', 'keydown'])
            document.addEventListener(type, () => unlockSound(), { once: true, capture: true });
    }

    // The first hello of a browser that never acknowledged anything: its history is not news.
    setBaselineIfUnset(events) {
        if (this.ackedId !== null)
            return;
        this.ackedId = Math.max(0, ...events.map((event) => event.id));
        writeAckedId(this.ackedId);
    }

    consider(events) {
        let fresh = false;
        for (const event of events) {
            if (!event.alert || event.id <= (this.ackedId ?? 0) || this.pending.has(event.id))
                continue;
            this.pending.set(event.id, event);
            fresh = true;
        }
        if (fresh) {
            this.render();
            beep();
        }
    }

    acknowledge() {
        if (!this.pending.size)
            return;
        this.ackedId = Math.max(this.ackedId ?? 0, ...this.pending.keys());
        writeAckedId(this.ackedId);
        this.pending.clear();
        this.render();
        this.afterAcknowledge();
    }

    render() {
        const newest = this.newest();
        this.banner.hidden = !newest;
        document.title = newest ? `⚠ ${t('alertTitle')}` : this.baseTitle;
        if (!newest)
            return;
        this.text.textContent = typeLabel(newest.type);
        this.more.hidden = this.pending.size < 2;
        this.more.textContent = t('alertMore', { n: this.pending.size - 1 });
        this.tick(Date.now());
    }

    tick(now) {
        const newest = this.newest();
        if (!newest)
            return;
        const source = newest.details?.source;
        const when = relativeTime(Date.parse(newest.received_at), now - this.clockOffset);
        this.where.textContent = [newest.device_id, typeof source === 'string' ? source : '', when]
            .filter(Boolean).join(' · ');
    }

    newest() {
        let newest = null;
        for (const event of this.pending.values()) {
            if (!newest || event.id > newest.id)
                newest = event;
        }
        return newest;
    }
}

function readAckedId() {
    try {
        const value = localStorage.getItem(ACKED_KEY);
        return value === null ? null : Number(value) || 0;
    } catch {
        return null;
    }
}

function writeAckedId(id) {
    try {
        localStorage.setItem(ACKED_KEY, String(id));
    } catch {
        // Storage disabled: acknowledgements then last until the page is closed.
    }
}

let audio = null;

function unlockSound() {
    try {
        audio ??= new AudioContext();
        audio.resume().catch(() => {});
    } catch {
        audio = null; // no WebAudio: alerts stay silent, the banner still shows
    }
}

// Three short tones from an oscillator: no sound file to ship, nothing to download.
function beep() {
    unlockSound();
    if (!audio || audio.state !== 'running')
        return;
    const start = audio.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.22, 660], [0.44, 880]]) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(start + offset);
        oscillator.stop(start + offset + 0.2);
    }
}
