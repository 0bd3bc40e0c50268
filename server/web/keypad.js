// The code keypad: a modal dialog with digits 0-9, clear, OK and cancel, that also takes typing
// (a code is 4-32 characters, not only digits). run() opens it for one request: OK hands the
// code to `submit` and forgets it at once, whatever the answer. A wrong code (403) or a
// lockout (429, with the server's Retry-After counted down) keeps the keypad open for another
// try; success closes it and resolves with submit's result, cancel resolves with null. A 401
// closes it and rejects, for the page's token prompt.

import { ApiError, AuthError } from './api.js';
import { t } from './i18n.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'ok'];
const MAX_LENGTH = 32;

export class Keypad {
    constructor({ dialog, form, heading, input, keys, errorNote, cancelButton, onWrongCode }) {
        Object.assign(this, { dialog, form, heading, input, keys, errorNote, cancelButton, onWrongCode });
        this.pending = null; // {submit, resolve, reject} while open
        this.busy = false;
        this.lockedUntil = 0;
        this.lockTimer = 0;
        this.okButton = null;
        input.maxLength = MAX_LENGTH;
        this.buildKeys();
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.confirm();
        });
        cancelButton.addEventListener('click', () => this.finish(null));
        // Escape closes a modal dialog by itself: that is a cancel too.
        dialog.addEventListener('cancel', (event) => {
            event.preventDefault();
            this.finish(null);
        });
        // Typing works wherever the focus is inside the keypad, not only in the field.
        dialog.addEventListener('keydown', (event) => {
            if (event.target === input || event.ctrlKey || event.metaKey || event.altKey)
                return;
            if (event.key.length === 1 && event.key !== ' ') {
                event.preventDefault();
                this.type(event.key);
            } else if (event.key === 'Backspace') {
                event.preventDefault();
                input.value = input.value.slice(0, -1);
            } else if (event.key === 'Enter' && keys.contains(event.target)) {
                // Enter means OK, not "press the key that last had the focus" (clear, a digit).
                event.preventDefault();
                this.confirm();
            }
        });
    }

    buildKeys() {
        const buttons = KEYS.map((key) => {
            const button = document.createElement('button');
            button.type = key === 'ok' ? 'submit' : 'button';
            button.className = `keypad-key key-${key}`;
            button.dataset.key = key;
            if (key === 'clear') {
                button.textContent = t('keypadClear');
                button.addEventListener('click', () => { this.input.value = ''; });
            } else if (key === 'ok') {
                button.textContent = t('keypadOk');
                this.okButton = button;
            } else {
                button.textContent = key;
                button.addEventListener('click', () => this.type(key));
            }
            return button;
        });
        this.keys.replaceChildren(...buttons);
    }

    get isOpen() {
        return this.pending !== null;
    }

    // Opens the keypad; `submit(code)` makes the request and returns its result or throws.
    run({ title, submit }) {
        if (this.pending)
            this.finish(null); // one request at a time: a new one replaces the old
        this.heading.textContent = title;
        this.input.value = '';
        this.showError('');
        this.renderLock();
        if (!this.dialog.open)
            this.dialog.showModal();
        this.input.focus();
        return new Promise((resolve, reject) => {
            this.pending = { submit, resolve, reject };
        });
    }

    type(character) {
        if (this.input.value.length < MAX_LENGTH)
            this.input.value += character;
    }

    async confirm() {
        if (!this.pending || this.busy || Date.now() < this.lockedUntil)
            return;
        const code = this.input.value;
        this.input.value = ''; // never kept, whatever the answer
        if (!code) {
            this.showError(t('keypadEmpty'));
            this.input.focus();
            return;
        }
        const { submit } = this.pending;
        this.busy = true;
        this.dialog.setAttribute('aria-busy', 'true');
        this.okButton.disabled = true;
        try {
            const result = await submit(code);
            this.finish(result);
        } catch (error) {
            this.failed(error);
        } finally {
            this.busy = false;
            this.dialog.removeAttribute('aria-busy');
            this.renderLock();
        }
    }

    failed(error) {
        if (error instanceof AuthError) {
            const { reject } = this.pending;
            this.close();
            reject(error);
            return;
        }
        if (error instanceof ApiError && error.status === 403) {
            this.showError(t('keypadWrong'));
            this.onWrongCode?.();
        } else if (error instanceof ApiError && error.status === 429) {
            this.lockedUntil = Date.now() + 1000 * (error.retryAfter ?? 60);
            this.onWrongCode?.();
        } else {
            this.showError(t('keypadFailed', { error: error.message }));
        }
        this.input.focus();
    }

    // While the server's lockout runs, OK is off and the keypad says how long is left.
    renderLock() {
        clearTimeout(this.lockTimer);
        const left = Math.ceil((this.lockedUntil - Date.now()) / 1000);
        if (this.okButton)
            this.okButton.disabled = this.busy || left > 0;
        if (left <= 0) {
            if (this.errorNote.dataset.reason === 'locked')
                this.showError('');
            return;
        }
        this.showError(t('keypadLocked', { n: left }), 'locked');
        this.lockTimer = setTimeout(() => this.renderLock(), 1000);
    }

    showError(text, reason = 'error') {
        this.errorNote.hidden = !text;
        if (this.errorNote.textContent !== text)
            this.errorNote.textContent = text;
        if (text)
            this.errorNote.dataset.reason = reason;
        else
            delete this.errorNote.dataset.reason;
    }

    finish(result) {
        const pending = this.pending;
        this.close();
        pending?.resolve(result);
    }

    close() {
        this.pending = null;
        this.input.value = '';
        clearTimeout(this.lockTimer);
        if (this.dialog.open)
            this.dialog.close();
    }
}
