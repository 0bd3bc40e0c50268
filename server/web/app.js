// Vigil's web page: wires the live connection to the event list, the mode switch, the alarm
// panel and its keypad, the alert banner, the sensors panel and their editor, the audit log, the
// bridges line and the token prompt. Everything shown comes from the server; the
// page never guesses a state it has not been told.

import { api, AuthError, eventsPath, storeToken } from './api.js';
import { AlarmPanel } from './alarmpanel.js';
import { Alerts } from './alerts.js';
import { AuditLog } from './auditlog.js';
import { Bridges } from './bridges.js';
import { Connection } from './connection.js';
import { Devices } from './devices.js';
import { Feed } from './feed.js';
import { Keypad } from './keypad.js';
import { ModeSwitch } from './modeswitch.js';
import { SensorEditor } from './sensoreditor.js';
import { ServerClock } from './serverclock.js';
import { icon } from './icons.js';
import { t, translateDocument, typeLabel } from './i18n.js';

const HELLO_SIZE = 50; // the contract's "newest 50" in every hello
const CATCH_UP_PAGE = 100;
// Past this many missed events a catch-up stops paging and restarts the list from the newest:
// older ones stay reachable by scrolling.
const CATCH_UP_MAX = 1000;

const $ = (id) => document.getElementById(id);

translateDocument();

let lastId = null; // the newest event id this page has received, whatever the filter
const serverClock = new ServerClock();
const isConnected = () => connection.state === 'connected';

function handleAuthError(error) {
    if (!(error instanceof AuthError))
        return false;
    connection.authFailed();
    return true;
}

const feed = new Feed({
    list: $('events'),
    emptyNote: $('events-empty'),
    moreButton: $('events-more'),
    endNote: $('events-end'),
    errorNote: $('events-error'),
    onAuthError: handleAuthError,
    onKnown: () => renderFilterOptions(),
});

const auditLog = new AuditLog({
    list: $('audit'),
    errorNote: $('audit-error'),
    onAuthError: handleAuthError,
});

const keypad = new Keypad({
    dialog: $('keypad-dialog'),
    form: $('keypad-form'),
    heading: $('keypad-heading'),
    input: $('keypad-input'),
    keys: $('keypad-keys'),
    errorNote: $('keypad-error'),
    cancelButton: $('keypad-cancel'),
    onWrongCode: () => auditLog.refresh(), // the log records every wrong code
});

const alarmPanel = new AlarmPanel({
    panel: $('alarm-panel'),
    state: $('alarm-state'),
    delayLabel: $('alarm-delay-label'),
    countdown: $('alarm-countdown'),
    reason: $('alarm-reason'),
    changed: $('alarm-changed'),
    buttons: [...$('alarm-panel').querySelectorAll('button[data-action]')],
    errorNote: $('alarm-error'),
    clock: serverClock,
    keypad,
    sensorName: (deviceId, source) => devices.nameOf(deviceId, source),
    isConnected,
    onAuthError: handleAuthError,
});

const devices = new Devices({
    list: $('devices'),
    summary: $('devices-summary'),
    errorNote: $('devices-error'),
    onAuthError: handleAuthError,
    onDevices: (rows) => {
        for (const row of rows)
            feed.knownDevices.add(row.device_id);
        renderFilterOptions();
        alarmPanel.renderReason(); // a trigger's sensor may have a name now
    },
    onEdit: (device) => sensorEditor.open(device),
});

const sensorEditor = new SensorEditor({
    dialog: $('sensor-dialog'),
    form: $('sensor-form'),
    which: $('sensor-which'),
    nameInput: $('sensor-name'),
    roleSelect: $('sensor-role'),
    errorNote: $('sensor-error'),
    cancelButton: $('sensor-cancel'),
    keypad,
    usersExist: () => alarmPanel.usersExist,
    onAuthError: handleAuthError,
    onSaved: () => {
        devices.refresh();
        auditLog.refresh();
    },
});

const bridges = new Bridges({ line: $('bridges'), isConnected, onAuthError: handleAuthError });

const alerts = new Alerts({
    banner: $('alert-banner'),
    text: $('alert-text'),
    where: $('alert-where'),
    more: $('alert-more'),
    acknowledgeButton: $('alert-ack'),
    afterAcknowledge: () => $('events-heading').focus(),
});
$('alert-icon').append(icon('alert'));

const modeSwitch = new ModeSwitch({
    toggle: $('mode-toggle'),
    name: $('mode-name'),
    action: $('mode-action'),
    iconBox: $('mode-icon'),
    hint: $('mode-hint'),
    errorNote: $('mode-error'),
    keypad,
    isConnected,
    onAuthError: handleAuthError,
});

const connection = new Connection({
    onHello,
    onEvent,
    onMode: (mode) => modeSwitch.show(mode),
    onAlarm,
    onState: renderConnection,
});

// --- live data -------------------------------------------------------------------------------

async function onHello(hello) {
    modeSwitch.show(hello.mode);
    alarmPanel.show(hello.alarm, { fromHello: true });
    devices.refresh();
    auditLog.refresh();
    bridges.refresh();
    const events = Array.isArray(hello.events) ? hello.events : [];
    if (lastId === null) {
        alerts.setBaselineIfUnset(events);
        showFresh(events, events.length < HELLO_SIZE);
        alerts.consider(events);
    } else {
        await catchUp(events, lastId);
    }
    noteSeen(events);
}

// Every change of the alarm's state is broadcast the moment it happens: its changed_at is the
// server's clock of a moment ago.
function onAlarm(alarm) {
    serverClock.observe(alarm.changed_at);
    noteClock();
    alarmPanel.show(alarm);
    auditLog.refresh();
}

function noteClock() {
    feed.clockOffset = devices.clockOffset = alerts.clockOffset = serverClock.offset;
}

function onEvent(event) {
    noteSeen([event]);
    serverClock.observe(event.received_at);
    noteClock();
    if (feed.addNew([event]).length)
        announce([event]);
    alerts.consider([event]);
    devices.eventArrived(event);
}

function noteSeen(events) {
    for (const event of events)
        lastId = Math.max(lastId ?? 0, event.id);
}

// The list restarts from the hello's newest events (the unfiltered list), or from the server's
// newest page for the current filter.
function showFresh(events, complete) {
    if (feed.filter.type || feed.filter.deviceId) {
        feed.addNew(events);
        feed.setFilter(feed.filter);
    } else {
        feed.replace(events, complete);
    }
}

// After a reconnect the hello holds the newest 50; whatever arrived between our last id and
// those is fetched page by page (before_id) and merged, so the list has no hole and no repeat.
async function catchUp(helloEvents, sinceId) {
    const missed = helloEvents.filter((event) => event.id > sinceId);
    const oldest = Math.min(...helloEvents.map((event) => event.id));
    let complete = helloEvents.length < HELLO_SIZE || oldest <= sinceId + 1;
    let beforeId = oldest;
    try {
        while (!complete && missed.length < CATCH_UP_MAX) {
            const page = await api(eventsPath({ beforeId, limit: CATCH_UP_PAGE }));
            for (const event of page) {
                if (event.id > sinceId)
                    missed.push(event);
            }
            complete = page.length < CATCH_UP_PAGE || page.some((event) => event.id <= sinceId);
            beforeId = Math.min(beforeId, ...page.map((event) => event.id));
        }
    } catch (error) {
        if (handleAuthError(error))
            return;
        console.warn('vigil: catch-up failed, restarting the list', error);
    }
    if (complete) {
        const added = feed.addNew(missed);
        if (added.length)
            announce(added);
    } else {
        showFresh(helloEvents, false);
    }
    alerts.consider(missed);
}

// --- connection state and the token prompt ---------------------------------------------------

function renderConnection(conn) {
    const box = $('connection');
    const action = $('connection-action');
    box.dataset.state = conn.state;
    document.body.classList.toggle('is-offline', conn.state !== 'connected');
    action.hidden = conn.state !== 'reconnecting' && conn.state !== 'auth';
    action.textContent = t(conn.state === 'auth' ? 'tokenHeading' : 'retryNow');
    renderConnectionText(Date.now());
    modeSwitch.refresh();
    alarmPanel.refresh();
    if (conn.state === 'auth')
        openTokenDialog(conn.tokenRejected);
}

function renderConnectionText(now) {
    const state = connection.state;
    const box = $('connection');
    let text;
    if (state === 'connected') {
        text = t('connConnected');
    } else if (state === 'reconnecting') {
        const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
        box.dataset.retryIn = String(seconds);
        text = seconds > 0 ? t('connReconnecting', { n: seconds }) : t('connReconnectingNow');
    } else if (state === 'auth') {
        text = t(connection.tokenRejected ? 'connTokenRejected' : 'connTokenRequired');
    } else {
        text = t('connConnecting');
    }
    if (state !== 'reconnecting')
        delete box.dataset.retryIn;
    const label = $('connection-text');
    if (label.textContent !== text)
        label.textContent = text;
    const spoken = state === 'reconnecting' ? t('connReconnectingNow') : text;
    if ($('connection-spoken').textContent !== spoken)
        $('connection-spoken').textContent = spoken;
}

$('connection-action').addEventListener('click', () => {
    if (connection.state === 'auth')
        openTokenDialog(connection.tokenRejected);
    else
        connection.retryNow();
});

function openTokenDialog(rejected) {
    const dialog = $('token-dialog');
    $('token-error').hidden = !rejected;
    if (!dialog.open)
        dialog.showModal();
    $('token-input').focus();
    $('token-input').select();
}

$('token-form').addEventListener('submit', () => {
    // method="dialog" closes the dialog; the new token is tried at once.
    const token = $('token-input').value.trim();
    if (!token)
        return;
    storeToken(token);
    connection.retryNow();
});

// --- filters ---------------------------------------------------------------------------------

function renderFilterOptions() {
    fillSelect($('filter-type'), t('filterAllTypes'), [...feed.knownTypes].sort(), typeLabel);
    fillSelect($('filter-device'), t('filterAllDevices'), [...feed.knownDevices].sort(), (name) => name);
}

function fillSelect(select, allLabel, values, label) {
    const chosen = select.value;
    const options = [new Option(allLabel, '')];
    for (const value of values)
        options.push(new Option(label(value), value));
    select.replaceChildren(...options);
    select.value = values.includes(chosen) ? chosen : '';
}

for (const id of ['filter-type', 'filter-device']) {
    $(id).addEventListener('change', () => {
        feed.setFilter({ type: $('filter-type').value, deviceId: $('filter-device').value });
    });
}

// --- screen-reader announcements and the clock -----------------------------------------------

let pendingAnnouncements = [];
let announceTimer = 0;

// New events are announced politely, grouped per second so a burst is one sentence.
function announce(events) {
    pendingAnnouncements.push(...events);
    if (announceTimer)
        return;
    announceTimer = setTimeout(() => {
        const batch = pendingAnnouncements;
        pendingAnnouncements = [];
        announceTimer = 0;
        $('announcer').textContent = batch.length === 1
            ? t('newEvent', { type: typeLabel(batch[0].type), device: batch[0].device_id })
            : t('newEvents', { n: batch.length });
    }, 1000);
}

setInterval(() => {
    const now = Date.now();
    feed.tick(now);
    devices.tick(now);
    alerts.tick(now);
    renderConnectionText(now);
}, 1000);

// A phone waking up or a network coming back should not wait for the backoff.
window.addEventListener('online', () => {
    if (connection.state === 'reconnecting')
        connection.retryNow();
});
document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && connection.state === 'reconnecting')
        connection.retryNow();
});

if (matchMedia('(max-width: 699px)').matches) {
    $('devices-panel').open = false;
    $('audit-panel').open = false;
}

renderFilterOptions();
connection.start();
bridges.start();
