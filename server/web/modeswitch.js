// The surveillance/active switch. It shows the server's mode only: a click sends PUT /api/mode
// and the switch changes when the server answers (or broadcasts), never on a guess. Once users
// exist the server wants a code (403 without one): the switch then asks the keypad and sends again.

import { api, ApiError } from './api.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

export class ModeSwitch {
    constructor({ toggle, name, action, iconBox, hint, errorNote, keypad, isConnected, onAuthError }) {
        Object.assign(this, { toggle, name, action, iconBox, hint, errorNote, keypad, isConnected, onAuthError });
        this.mode = null; // the server's last word: {mode, changed_at}
        this.busy = false;
        toggle.setAttribute('aria-label', t('modeSurveillance'));
        toggle.addEventListener('click', () => this.flip());
    }

    show(next) {
        if (!next || (next.mode !== 'active' && next.mode !== 'surveillance'))
            return;
        // A PUT answer and a broadcast can cross: the older change must not win.
        if (this.mode && Date.parse(next.changed_at) < Date.parse(this.mode.changed_at))
            return;
        this.mode = next;
        const surveillance = next.mode === 'surveillance';
        this.toggle.dataset.mode = next.mode;
        this.toggle.setAttribute('aria-checked', String(surveillance));
        this.name.textContent = t(surveillance ? 'modeSurveillance' : 'modeActive');
        this.iconBox.replaceChildren(icon(surveillance ? 'surveillance' : 'active'));
        this.hint.textContent = t(surveillance ? 'modeSurveillanceHint' : 'modeActiveHint');
        document.body.dataset.mode = next.mode;
        this.refresh();
    }

    // aria-disabled rather than disabled while busy or offline: a keyboard user keeps focus on
    // the switch.
    refresh() {
        this.toggle.disabled = !this.mode;
        this.toggle.setAttribute('aria-disabled', String(this.busy || !this.isConnected()));
        this.toggle.setAttribute('aria-busy', String(this.busy));
        if (this.busy)
            this.action.textContent = t('modeChanging');
        else if (this.mode)
            this.action.textContent = t(this.mode.mode === 'surveillance' ? 'modeSwitchToActive' : 'modeSwitchToSurveillance');
    }

    async flip() {
        if (!this.mode || this.busy || !this.isConnected())
            return;
        const wanted = this.mode.mode === 'surveillance' ? 'active' : 'surveillance';
        this.busy = true;
        this.errorNote.hidden = true;
        this.refresh();
        const send = (code) => api('api/mode', { method: 'PUT', body: code === undefined ? { mode: wanted } : { mode: wanted, code } });
        try {
            let result;
            try {
                result = await send();
            } catch (error) {
                // A missing code is refused without counting as a wrong one: ask, then send again.
                if (!(error instanceof ApiError) || error.status !== 403 || !this.keypad)
                    throw error;
                result = await this.keypad.run({ title: t(wanted === 'active' ? 'keypadForDisarm' : 'keypadForArm'), submit: send });
            }
            if (result)
                this.show(result);
        } catch (error) {
            if (!this.onAuthError(error)) {
                this.errorNote.textContent = t('modeChangeFailed', { error: error.message });
                this.errorNote.hidden = false;
            }
        } finally {
            this.busy = false;
            this.refresh();
        }
    }
}
