// The server's HTTP interface as the page uses it: the stored token, authenticated fetches, and the
// WebSocket address. Every URL is relative to the page, so the page works behind any host name,
// port or TLS without configuration.

const TOKEN_KEY = 'vigil.token';

export class AuthError extends Error {
    constructor() {
        super('401 Unauthorized');
        this.name = 'AuthError';
    }
}

export function storedToken() {
    try {
        return localStorage.getItem(TOKEN_KEY) || '';
    } catch {
        return ''; // storage disabled (private mode): the page still works without a token
    }
}

export function storeToken(token) {
    try {
        if (token)
            localStorage.setItem(TOKEN_KEY, token);
        else
            localStorage.removeItem(TOKEN_KEY);
    } catch {
        // Nothing to do: the token then lasts until the page is closed.
    }
    sessionToken = token;
}

let sessionToken = storedToken();

export function currentToken() {
    return sessionToken;
}

// A refused request other than 401: the status, the server's message ({"error": "…"}) and, for
// a 429, the seconds the server asked us to wait (Retry-After).
export class ApiError extends Error {
    constructor(status, message, retryAfter) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.retryAfter = retryAfter;
    }
}

// Fetches JSON from the API. Throws AuthError on 401 and an ApiError naming the server's message
// on any other failure.
export async function api(path, { method = 'GET', body } = {}) {
    const headers = { Accept: 'application/json' };
    if (sessionToken)
        headers.Authorization = `Bearer ${sessionToken}`;
    if (body !== undefined)
        headers['Content-Type'] = 'application/json';
    const response = await fetch(new URL(path, location.href), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
    });
    if (response.status === 401)
        throw new AuthError();
    let payload = null;
    try {
        payload = await response.json();
    } catch {
        // An empty or non-JSON body: reported below by status.
    }
    if (!response.ok) {
        const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
        throw new ApiError(response.status, payload?.error || `HTTP ${response.status}`,
            Number.isFinite(retryAfter) ? retryAfter : null);
    }
    return payload;
}

export function eventsPath({ beforeId, type, deviceId, limit }) {
    const query = new URLSearchParams();
    if (limit)
        query.set('limit', String(limit));
    if (beforeId)
        query.set('before_id', String(beforeId));
    if (type)
        query.set('type', type);
    if (deviceId)
        query.set('device_id', deviceId);
    return `api/events?${query}`;
}

export function webSocketUrl() {
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (sessionToken)
        url.searchParams.set('token', sessionToken);
    return url.href;
}
