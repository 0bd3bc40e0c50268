// The audit log panel: the newest LIMIT entries of GET /api/audit (newest first), each with its
// time, action, who and detail, all as text. Refreshed after connecting, when an alarm message
// arrives and after the page changed something the log records; one request at a time.

import { absoluteTime, t } from './i18n.js';
import { ListLoader } from './listloader.js';
import { ALARM_STATES, stateLabel } from './alarmpanel.js';

const LIMIT = 20;
const ACTIONS = ['wrong_code', 'code_lockout', 'user_added', 'user_removed', 'sensor_changed'];

export function actionLabel(action) {
    if (ALARM_STATES.includes(action))
        return stateLabel(action);
    return ACTIONS.includes(action) ? t(`audit_${action}`) : String(action);
}

export class AuditLog {
    constructor({ list, errorNote, onAuthError }) {
        Object.assign(this, { list, errorNote, onAuthError });
        this.loader = new ListLoader({
            path: `api/audit?limit=${LIMIT}`, errorNote, failedKey: 'auditFailed', onAuthError,
            render: (entries) => this.render(entries),
        });
    }

    refresh() {
        return this.loader.load();
    }

    render(entries) {
        const rows = entries.map((entry) => renderEntry(entry));
        if (!rows.length) {
            const none = document.createElement('li');
            none.className = 'audit-none';
            none.textContent = t('auditNone');
            rows.push(none);
        }
        this.list.replaceChildren(...rows);
    }
}

function renderEntry(entry) {
    const row = document.createElement('li');
    row.className = 'audit-entry';
    row.dataset.id = String(entry.id);
    row.dataset.action = String(entry.action);

    const head = document.createElement('span');
    head.className = 'audit-head';
    const action = document.createElement('span');
    action.className = 'audit-action';
    action.textContent = actionLabel(entry.action);
    head.append(action);
    if (entry.by) {
        const by = document.createElement('span');
        by.className = 'audit-by';
        by.textContent = t('alarmBy', { name: entry.by });
        head.append(by);
    }

    const at = new Date(entry.at);
    const time = document.createElement('time');
    time.className = 'audit-at';
    if (!Number.isNaN(at.getTime())) {
        time.dateTime = at.toISOString();
        time.textContent = absoluteTime(at);
    }
    row.append(head, time);

    if (entry.detail) {
        const detail = document.createElement('span');
        detail.className = 'audit-detail';
        detail.textContent = entry.detail;
        row.append(detail);
    }
    return row;
}
