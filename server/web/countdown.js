// A live countdown to a time set by the server (an exit delay, an entry delay, a trigger time).
// It redraws itself just after each whole second of the server's clock, so the number shown is
// never a second behind; at zero it stays at zero until the server says what happened.

import { t } from './i18n.js';

export class Countdown {
    constructor({ element, clock }) {
        this.element = element;
        this.clock = clock;
        this.endsAt = null;
        this.timer = 0;
        this.element.hidden = true;
    }

    // `iso` is delay_ends_at, or null to stop.
    set(iso) {
        const endsAt = iso ? Date.parse(iso) : NaN;
        this.endsAt = Number.isFinite(endsAt) ? endsAt : null;
        clearTimeout(this.timer);
        this.timer = 0;
        this.element.hidden = this.endsAt === null;
        if (this.endsAt === null) {
            this.element.textContent = '';
            delete this.element.dataset.seconds;
            return;
        }
        this.render();
    }

    // The whole seconds left, rounded up: "1" until the very end of the last second.
    secondsLeft() {
        return Math.max(0, Math.ceil((this.endsAt - this.clock.now()) / 1000));
    }

    render() {
        const left = this.endsAt - this.clock.now();
        const seconds = this.secondsLeft();
        this.element.dataset.seconds = String(seconds);
        const text = format(seconds);
        if (this.element.textContent !== text)
            this.element.textContent = text;
        // Wake just after the next second boundary of the remaining time; at zero, once a second
        // still, in case a better estimate of the server's clock arrives meanwhile.
        const wait = left > 0 ? (left % 1000 || 1000) + 20 : 1000;
        this.timer = setTimeout(() => this.render(), wait);
    }
}

// "0:45", "12:03": minutes and seconds, as a keypad's display would show them.
export function format(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, '0');
    return t('countdown', { m: minutes, s: rest });
}
