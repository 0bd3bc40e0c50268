// French or English, chosen once from the browser's language. Every visible string of the page
// goes through t(); static text in index.html names its key in data-i18n.

const STRINGS = {
    en: {
        title: 'Vigil',
        skipToEvents: 'Skip to events',
        modeLabel: 'Mode',
        modeActive: 'Active',
        modeSurveillance: 'Surveillance',
        modeActiveHint: 'Someone is home: detections are logged, no alerts',
        modeSurveillanceHint: 'Armed: motion and button events raise an alert',
        modeSwitchToSurveillance: 'Switch to surveillance',
        modeSwitchToActive: 'Switch to active',
        modeUnknown: 'Mode unknown',
        modeChanging: 'Changing…',
        modeChangeFailed: 'The mode could not be changed: {error}',
        connConnecting: 'Connecting…',
        connConnected: 'Connected',
        connReconnecting: 'Reconnecting in {n} s',
        connReconnectingNow: 'Reconnecting…',
        connTokenRequired: 'Token required',
        connTokenRejected: 'Token rejected',
        retryNow: 'Retry now',
        eventsHeading: 'Events',
        filterType: 'Type',
        filterDevice: 'Device',
        filterAllTypes: 'All types',
        filterAllDevices: 'All devices',
        noEvents: 'No events yet.',
        noMatchingEvents: 'No events match these filters.',
        loadOlder: 'Load older events',
        loadingOlder: 'Loading…',
        historyEnd: 'Beginning of the history.',
        historyFailed: 'Older events could not be loaded: {error}',
        details: 'Details',
        alertBadge: 'Alert',
        alertHeading: 'Alert',
        alertMore: '+{n} more',
        acknowledge: 'Acknowledge',
        alertTitle: 'ALERT — Vigil',
        devicesHeading: 'Sensors',
        devicesSummary: '{online} of {total} online',
        devicesNone: 'No sensor has reported yet.',
        devicesFailed: 'Sensors could not be loaded: {error}',
        online: 'online',
        offline: 'offline',
        statusUnknown: 'status unknown',
        lastSeen: 'last seen {when}',
        lastType: 'last: {type}',
        tokenHeading: 'Access token',
        tokenExplain: 'This server requires an access token.',
        tokenLabel: 'Token',
        tokenSubmit: 'Connect',
        tokenRejected: 'This token was rejected. Check it and try again.',
        newEvent: 'New event: {type}, {device}',
        newEvents: '{n} new events',
        justNow: 'just now',
        secondsAgo: '{n} s ago',
        minutesAgo: '{n} min ago',
        hoursAgo: '{n} h ago',
        daysAgo: '{n} d ago',
        type_motion_detected: 'Motion detected',
        type_button_pressed: 'Button pressed',
        type_sensor_online: 'Sensor online',
        type_sensor_offline: 'Sensor offline',
        alarmHeading: 'Alarm',
        state_disarmed: 'Disarmed',
        state_arming: 'Arming',
        state_armed_away: 'Armed away',
        state_armed_home: 'Armed home',
        state_armed_night: 'Armed night',
        state_pending: 'Entry delay',
        state_triggered: 'Triggered',
        alarmArmsIn: 'armed in',
        alarmTriggersIn: 'alarm in',
        alarmEndsIn: 'ends in',
        countdown: '{m}:{s}',
        alarmSince: 'since {when}',
        alarmBy: 'by {name}',
        alarmTriggeredBy: 'Triggered by {sensor}',
        alarmFailed: 'The alarm could not be changed: {error}',
        alarmActions: 'Alarm actions',
        armAway: 'Arm away',
        armHome: 'Arm home',
        armNight: 'Arm night',
        disarm: 'Disarm',
        keypadForDisarm: 'Code to disarm',
        keypadForArm: 'Code to arm',
        keypadForSensor: 'Code to change this sensor',
        keypadLabel: 'Code',
        keypadClear: 'Clear',
        keypadOk: 'OK',
        keypadCancel: 'Cancel',
        keypadEmpty: 'Enter the code.',
        keypadWrong: 'Wrong code.',
        keypadLocked: 'Locked: try again in {n} s.',
        keypadFailed: 'The request failed: {error}',
        role_entry: 'Entry (delay)',
        role_interior: 'Interior',
        role_instant: 'Instant',
        role_always: 'Always (panic, tamper)',
        role_ignored: 'Ignored',
        sensorEdit: 'Edit',
        sensorEditLabel: 'Edit {name}',
        sensorHeading: 'Sensor',
        sensorName: 'Name',
        sensorRole: 'Role',
        sensorSave: 'Save',
        sensorCancel: 'Cancel',
        sensorSaveFailed: 'The sensor could not be changed: {error}',
        auditHeading: 'Log',
        auditNone: 'Nothing logged yet.',
        auditFailed: 'The log could not be loaded: {error}',
        audit_wrong_code: 'Wrong code',
        audit_code_lockout: 'Keypad locked',
        audit_user_added: 'User added',
        audit_user_removed: 'User removed',
        audit_sensor_changed: 'Sensor changed',
        bridgesLabel: 'Bridges:',
        bridgeOnline: '{id} online',
        bridgeOffline: '{id} offline',
        bridgeOutbox: '{n} waiting',
        bridgeDead: '{n} undeliverable',
    },
    fr: {
        title: 'Vigil',
        skipToEvents: 'Aller aux événements',
        modeLabel: 'Mode',
        modeActive: 'Actif',
        modeSurveillance: 'Surveillance',
        modeActiveHint: 'Quelqu’un est là : les détections sont notées, sans alerte',
        modeSurveillanceHint: 'Armé : mouvements et boutons déclenchent une alerte',
        modeSwitchToSurveillance: 'Passer en surveillance',
        modeSwitchToActive: 'Passer en mode actif',
        modeUnknown: 'Mode inconnu',
        modeChanging: 'Changement…',
        modeChangeFailed: 'Le mode n’a pas pu être changé : {error}',
        connConnecting: 'Connexion…',
        connConnected: 'Connecté',
        connReconnecting: 'Reconnexion dans {n} s',
        connReconnectingNow: 'Reconnexion…',
        connTokenRequired: 'Jeton requis',
        connTokenRejected: 'Jeton refusé',
        retryNow: 'Réessayer',
        eventsHeading: 'Événements',
        filterType: 'Type',
        filterDevice: 'Appareil',
        filterAllTypes: 'Tous les types',
        filterAllDevices: 'Tous les appareils',
        noEvents: 'Aucun événement pour l’instant.',
        noMatchingEvents: 'Aucun événement ne correspond à ces filtres.',
        loadOlder: 'Charger les événements plus anciens',
        loadingOlder: 'Chargement…',
        historyEnd: 'Début de l’historique.',
        historyFailed: 'Les événements plus anciens n’ont pas pu être chargés : {error}',
        details: 'Détails',
        alertBadge: 'Alerte',
        alertHeading: 'Alerte',
        alertMore: '+{n} autres',
        acknowledge: 'Acquitter',
        alertTitle: 'ALERTE — Vigil',
        devicesHeading: 'Capteurs',
        devicesSummary: '{online} sur {total} en ligne',
        devicesNone: 'Aucun capteur ne s’est encore manifesté.',
        devicesFailed: 'Les capteurs n’ont pas pu être chargés : {error}',
        online: 'en ligne',
        offline: 'hors ligne',
        statusUnknown: 'état inconnu',
        lastSeen: 'vu {when}',
        lastType: 'dernier : {type}',
        tokenHeading: 'Jeton d’accès',
        tokenExplain: 'Ce serveur demande un jeton d’accès.',
        tokenLabel: 'Jeton',
        tokenSubmit: 'Se connecter',
        tokenRejected: 'Ce jeton a été refusé. Vérifiez-le et réessayez.',
        newEvent: 'Nouvel événement : {type}, {device}',
        newEvents: '{n} nouveaux événements',
        justNow: 'à l’instant',
        secondsAgo: 'il y a {n} s',
        minutesAgo: 'il y a {n} min',
        hoursAgo: 'il y a {n} h',
        daysAgo: 'il y a {n} j',
        type_motion_detected: 'Mouvement détecté',
        type_button_pressed: 'Bouton pressé',
        type_sensor_online: 'Capteur en ligne',
        type_sensor_offline: 'Capteur hors ligne',
        alarmHeading: 'Alarme',
        state_disarmed: 'Désarmée',
        state_arming: 'Armement',
        state_armed_away: 'Armée (absence)',
        state_armed_home: 'Armée (présence)',
        state_armed_night: 'Armée (nuit)',
        state_pending: 'Délai d’entrée',
        state_triggered: 'Déclenchée',
        alarmArmsIn: 'armée dans',
        alarmTriggersIn: 'alarme dans',
        alarmEndsIn: 'fin dans',
        countdown: '{m}:{s}',
        alarmSince: 'depuis le {when}',
        alarmBy: 'par {name}',
        alarmTriggeredBy: 'Déclenchée par {sensor}',
        alarmFailed: 'L’alarme n’a pas pu être changée : {error}',
        alarmActions: 'Commandes de l’alarme',
        armAway: 'Armer (absence)',
        armHome: 'Armer (présence)',
        armNight: 'Armer (nuit)',
        disarm: 'Désarmer',
        keypadForDisarm: 'Code pour désarmer',
        keypadForArm: 'Code pour armer',
        keypadForSensor: 'Code pour modifier ce capteur',
        keypadLabel: 'Code',
        keypadClear: 'Effacer',
        keypadOk: 'OK',
        keypadCancel: 'Annuler',
        keypadEmpty: 'Saisissez le code.',
        keypadWrong: 'Code erroné.',
        keypadLocked: 'Verrouillé : réessayez dans {n} s.',
        keypadFailed: 'La requête a échoué : {error}',
        role_entry: 'Entrée (délai)',
        role_interior: 'Intérieur',
        role_instant: 'Immédiat',
        role_always: 'Permanent (panique, sabotage)',
        role_ignored: 'Ignoré',
        sensorEdit: 'Modifier',
        sensorEditLabel: 'Modifier {name}',
        sensorHeading: 'Capteur',
        sensorName: 'Nom',
        sensorRole: 'Rôle',
        sensorSave: 'Enregistrer',
        sensorCancel: 'Annuler',
        sensorSaveFailed: 'Le capteur n’a pas pu être modifié : {error}',
        auditHeading: 'Journal',
        auditNone: 'Rien n’est encore noté.',
        auditFailed: 'Le journal n’a pas pu être chargé : {error}',
        audit_wrong_code: 'Code erroné',
        audit_code_lockout: 'Clavier verrouillé',
        audit_user_added: 'Utilisateur ajouté',
        audit_user_removed: 'Utilisateur supprimé',
        audit_sensor_changed: 'Capteur modifié',
        bridgesLabel: 'Passerelles :',
        bridgeOnline: '{id} en ligne',
        bridgeOffline: '{id} hors ligne',
        bridgeOutbox: '{n} en attente',
        bridgeDead: '{n} non distribuables',
    },
};

function pickLanguage() {
    const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
    for (const tag of wanted) {
        const base = String(tag || '').toLowerCase().split('-')[0];
        if (base in STRINGS)
            return base;
    }
    return 'en';
}

export const lang = pickLanguage();

export function t(key, params = {}) {
    const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// A readable name for an event type; unknown types are shown as the server sent them.
export function typeLabel(type) {
    const key = `type_${type}`;
    return key in STRINGS[lang] ? STRINGS[lang][key] : type;
}

// "il y a 5 s" / "5 s ago": short enough for the 800×480 screen, precise where it matters.
export function relativeTime(then, now) {
    const seconds = Math.max(0, Math.floor((now - then) / 1000));
    if (seconds < 2)
        return t('justNow');
    if (seconds < 60)
        return t('secondsAgo', { n: seconds });
    if (seconds < 3600)
        return t('minutesAgo', { n: Math.floor(seconds / 60) });
    if (seconds < 86400)
        return t('hoursAgo', { n: Math.floor(seconds / 3600) });
    return t('daysAgo', { n: Math.floor(seconds / 86400) });
}

const absoluteFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });

export function absoluteTime(date) {
    return absoluteFormat.format(date);
}

// Fills every element that names a string key: data-i18n for text, data-i18n-label for aria-label.
export function translateDocument(root = document) {
    document.documentElement.lang = lang;
    for (const element of root.querySelectorAll('[data-i18n]'))
        element.textContent = t(element.dataset.i18n);
    for (const element of root.querySelectorAll('[data-i18n-label]'))
        element.setAttribute('aria-label', t(element.dataset.i18nLabel));
}
