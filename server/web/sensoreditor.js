// The dialog that names a sensor and sets its alarm role: PUT /api/devices/{device_id}/{source}
// with {"name", "role"}, and the keypad's code once users exist (the server then wants one for
// every change). The sensors panel shows the result after its next refresh.

import { api, ApiError } from './api.js';
import { t } from './i18n.js';

export const ROLES = ['entry', 'interior', 'instant', 'always', 'ignored'];

export function roleLabel(role) {
    return ROLES.includes(role) ? t(`role_${role}`) : String(role ?? '');
}

export class SensorEditor {
    constructor({ dialog, form, which, nameInput, roleSelect, errorNote, cancelButton, keypad, usersExist,
        onAuthError, onSaved }) {
        Object.assign(this, { dialog, form, which, nameInput, roleSelect, errorNote, keypad, usersExist,
            onAuthError, onSaved });
        this.device = null;
        this.busy = false;
        roleSelect.replaceChildren(...ROLES.map((role) => new Option(roleLabel(role), role)));
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.save();
        });
        cancelButton.addEventListener('click', () => this.close());
        dialog.addEventListener('close', () => { this.device = null; });
    }

    open(device) {
        this.device = device;
        this.which.textContent = `${device.device_id} · ${device.source ?? ''}`;
        this.nameInput.value = device.name ?? '';
        this.roleSelect.value = ROLES.includes(device.role) ? device.role : 'entry';
        this.errorNote.hidden = true;
        if (!this.dialog.open)
            this.dialog.showModal();
        this.nameInput.focus();
        this.nameInput.select();
    }

    close() {
        if (this.dialog.open)
            this.dialog.close();
    }

    async save() {
        const device = this.device;
        if (!device || this.busy)
            return;
        const body = { name: this.nameInput.value.trim() || null, role: this.roleSelect.value };
        const path = `api/devices/${encodeURIComponent(device.device_id)}/${encodeURIComponent(device.source ?? '')}`;
        const send = (code) => api(path, { method: 'PUT', body: code === undefined ? body : { ...body, code } });
        const ask = () => this.keypad.run({ title: t('keypadForSensor'), submit: send });
        this.busy = true;
        this.errorNote.hidden = true;
        try {
            let saved;
            if (this.usersExist()) {
                saved = await ask();
            } else {
                try {
                    saved = await send();
                } catch (error) {
                    if (!(error instanceof ApiError) || error.status !== 403)
                        throw error;
                    saved = await ask(); // a user was added since the page last heard
                }
            }
            if (!saved)
                return; // the keypad was cancelled: the dialog stays for another try
            this.close();
            this.onSaved(saved);
        } catch (error) {
            if (!this.onAuthError(error)) {
                this.errorNote.textContent = t('sensorSaveFailed', { error: error.message });
                this.errorNote.hidden = false;
            }
        } finally {
            this.busy = false;
        }
    }
}
