// The alarm panel: the server's alarm state (GET /api/alarm as sent in the hello and in every
// {"kind":"alarm"} message), the countdown of a running delay, what triggered it and who changed
// it, and the arm/disarm buttons. A button sends PUT /api/alarm, through the keypad when the
// server says that action needs a code; the panel changes only when the server answers or
// broadcasts, never on a guess.

import { api, ApiError } from './api.js';
import { Countdown } from './countdown.js';
import { absoluteTime, t } from './i18n.js';

export const ALARM_STATES = ['disarmed', 'arming', 'armed_away', 'armed_home', 'armed_night', 'pending', 'triggered'];
const ARM_ACTIONS = { arm_away: 'armed_away', arm_home: 'armed_home', arm_night: 'armed_night' };
// The label in front of the countdown, per state that runs one.
const DELAY_LABELS = { arming: 'alarmArmsIn', pending: 'alarmTriggersIn', triggered: 'alarmEndsIn' };

export function stateLabel(state) {
    return ALARM_STATES.includes(state) ? t(`state_${state}`) : String(state);
}

export class AlarmPanel {
    constructor({ panel, state, delayLabel, countdown, reason, changed, buttons, errorNote, clock, keypad,
        sensorName, isConnected, onAuthError }) {
        Object.assign(this, { panel, state, delayLabel, reason, changed, buttons, errorNote, keypad,
            sensorName, isConnected, onAuthError });
        this.countdown = new Countdown({ element: countdown, clock });
        this.alarm = null; // the server's last word
        this.busy = false;
        for (const button of buttons)
            button.addEventListener('click', () => this.act(button.dataset.action));
    }

    get usersExist() {
        return this.alarm?.code_required?.disarm === true;
    }

    // `fromHello`: the hello's state is the whole truth at connection time, taken as it is (the
    // server may have been reset meanwhile); any other news must not be older than ours.
    show(next, { fromHello = false } = {}) {
        if (!next || !ALARM_STATES.includes(next.state))
            return;
        // A PUT answer and a broadcast can cross: the older change must not win.
        if (!fromHello && this.alarm && Date.parse(next.changed_at) < Date.parse(this.alarm.changed_at))
            return;
        this.alarm = next;
        this.panel.dataset.state = next.state;
        this.state.textContent = stateLabel(next.state);
        const label = DELAY_LABELS[next.state];
        const running = Boolean(label && next.delay_ends_at);
        this.delayLabel.hidden = !running;
        this.delayLabel.textContent = running ? t(label) : '';
        this.countdown.set(running ? next.delay_ends_at : null);
        this.renderReason();
        const since = new Date(next.changed_at);
        const parts = [];
        if (!Number.isNaN(since.getTime()))
            parts.push(t('alarmSince', { when: absoluteTime(since) }));
        if (next.changed_by)
            parts.push(t('alarmBy', { name: next.changed_by }));
        this.changed.textContent = parts.join(' · ');
        this.refresh();
    }

    // Called again when the sensors' names arrive or change.
    renderReason() {
        const trigger = this.alarm?.triggered_by;
        const shown = Boolean(trigger) && (this.alarm.state === 'pending' || this.alarm.state === 'triggered');
        this.reason.hidden = !shown;
        if (!shown) {
            this.reason.textContent = '';
            return;
        }
        const name = this.sensorName(trigger.device_id, trigger.source) || `${trigger.device_id}/${trigger.source}`;
        this.reason.textContent = t('alarmTriggeredBy', { sensor: name });
    }

    refresh() {
        const state = this.alarm?.state;
        const alarming = state === 'pending' || state === 'triggered';
        const offline = !this.isConnected();
        for (const button of this.buttons) {
            const action = button.dataset.action;
            const current = action === 'disarm' ? state === 'disarmed' : this.alarm?.armed_mode === ARM_ACTIONS[action] && !alarming;
            button.setAttribute('aria-pressed', String(Boolean(this.alarm) && current));
            // Arming changes nothing during an entry delay or a trigger: only disarm does.
            button.disabled = !this.alarm || (action !== 'disarm' && alarming);
            button.setAttribute('aria-disabled', String(this.busy || offline));
        }
        this.panel.setAttribute('aria-busy', String(this.busy));
    }

    codeNeeded(action) {
        const required = this.alarm?.code_required ?? {};
        return action === 'disarm' ? required.disarm === true : required.arm === true;
    }

    async act(action) {
        if (!this.alarm || this.busy || !this.isConnected())
            return;
        this.errorNote.hidden = true;
        const send = (code) => api('api/alarm', { method: 'PUT', body: code === undefined ? { action } : { action, code } });
        this.busy = true;
        this.refresh();
        try {
            let result;
            if (this.codeNeeded(action)) {
                result = await this.askCode(action, send);
            } else {
                try {
                    result = await send();
                } catch (error) {
                    // A user was added since our last news: the server wants a code after all.
                    if (!(error instanceof ApiError) || error.status !== 403)
                        throw error;
                    result = await this.askCode(action, send);
                }
            }
            if (result)
                this.show(result);
        } catch (error) {
            if (!this.onAuthError(error)) {
                this.errorNote.textContent = t('alarmFailed', { error: error.message });
                this.errorNote.hidden = false;
            }
        } finally {
            this.busy = false;
            this.refresh();
        }
    }

    askCode(action, send) {
        return this.keypad.run({ title: t(action === 'disarm' ? 'keypadForDisarm' : 'keypadForArm'), submit: send });
    }
}
