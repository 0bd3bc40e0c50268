// One small stroked icon per event type, drawn on a 24×24 grid. Built with DOM calls (no markup
// strings), decorative only: the type is always written next to it.

const SVG_NS = 'http://www.w3.org/2000/svg';

const SHAPES = {
    // Radar waves around a point: something moved.
    motion_detected: [
        ['circle', { cx: 12, cy: 12, r: 2.5 }],
        ['path', { d: 'M7.8 7.8a6 6 0 0 0 0 8.4M16.2 7.8a6 6 0 0 1 0 8.4' }],
        ['path', { d: 'M4.9 4.9a10 10 0 0 0 0 14.2M19.1 4.9a10 10 0 0 1 0 14.2' }],
    ],
    // A push button seen from the side, an arrow pressing it.
    button_pressed: [
        ['path', { d: 'M12 2v7M9 6l3 3 3-3' }],
        ['rect', { x: 5, y: 12, width: 14, height: 4, rx: 1.5 }],
        ['path', { d: 'M3 20h18' }],
    ],
    // A circle with a tick: the sensor said hello.
    sensor_online: [
        ['circle', { cx: 12, cy: 12, r: 9 }],
        ['path', { d: 'M8 12.5l2.7 2.7L16 9.8' }],
    ],
    // A circle with a cross: the sensor went away.
    sensor_offline: [
        ['circle', { cx: 12, cy: 12, r: 9 }],
        ['path', { d: 'M9 9l6 6M15 9l-6 6' }],
    ],
    // Anything else: a plain dot in a ring.
    other: [
        ['circle', { cx: 12, cy: 12, r: 9 }],
        ['circle', { cx: 12, cy: 12, r: 2 }],
    ],
    // The alert banner's warning triangle.
    alert: [
        ['path', { d: 'M12 3l10 18H2z' }],
        ['path', { d: 'M12 10v5M12 18v.01' }],
    ],
    // The mode toggle: a shield (surveillance) or a house (active).
    surveillance: [['path', { d: 'M12 2l8 3v6c0 5-3.4 9.3-8 11-4.6-1.7-8-6-8-11V5z' }], ['path', { d: 'M9 12l2 2 4-4' }]],
    active: [['path', { d: 'M3 11l9-8 9 8' }], ['path', { d: 'M5 9.5V21h14V9.5M10 21v-6h4v6' }]],
};

export function icon(name) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.classList.add('icon');
    for (const [tag, attributes] of SHAPES[name] ?? SHAPES.other) {
        const shape = document.createElementNS(SVG_NS, tag);
        for (const [attribute, value] of Object.entries(attributes))
            shape.setAttribute(attribute, String(value));
        svg.append(shape);
    }
    return svg;
}

const EVENT_ICONS = new Set(['motion_detected', 'button_pressed', 'sensor_online', 'sensor_offline']);

export function eventIcon(type) {
    return icon(EVENT_ICONS.has(type) ? type : 'other');
}
