// One GET at a time for a panel that lists what the server has (the sensors, the audit log): a
// load asked for while one is under way runs once more when it answers, so nothing is missed;
// a failure is one line in the panel's error note, unless it is the token's (onAuthError).

import { api } from './api.js';
import { t } from './i18n.js';

export class ListLoader {
    // path: the API path; failedKey: the i18n key of the error line ({error}); render(rows).
    constructor({ path, errorNote, failedKey, onAuthError, onStart, render }) {
        Object.assign(this, { path, errorNote, failedKey, onAuthError, onStart, render });
        this.inFlight = false;
        this.again = false;
    }

    async load() {
        if (this.inFlight) {
            this.again = true;
            return;
        }
        this.inFlight = true;
        this.onStart?.();
        try {
            const rows = await api(this.path);
            this.errorNote.hidden = true;
            this.render(Array.isArray(rows) ? rows : []);
        } catch (error) {
            if (!this.onAuthError(error)) {
                this.errorNote.textContent = t(this.failedKey, { error: error.message });
                this.errorNote.hidden = false;
            }
        } finally {
            this.inFlight = false;
            if (this.again) {
                this.again = false;
                this.load();
            }
        }
    }
}
