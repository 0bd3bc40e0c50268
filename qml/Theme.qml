pragma Singleton
import QtQuick

// The one place for colours, fonts and sizes: a dark theme for a wall screen, readable from a
// few metres, with touch targets of at least 48 px (the Pi's 7" screen is 800x480).
QtObject {
    id: root

    // Night dimming: the whole window is darkened (the Pi panel has no brightness control we
    // can rely on). A view state, not data, so it lives here.
    property bool night: false

    readonly property color background: "#0e1217"
    readonly property color surface: "#171d24"
    readonly property color surfaceRaised: "#1f2730"
    readonly property color border: "#2c3743"
    readonly property color text: "#e8edf2"
    readonly property color textMuted: "#93a1b0"
    readonly property color accent: "#4ea1ff"
    readonly property color online: "#3fb950"
    readonly property color offline: "#f85149"
    readonly property color unknown: "#6e7b88"
    readonly property color alert: "#e5534b"
    readonly property color alertBackground: "#5c1a17"
    readonly property color alertRow: "#3a1716"
    readonly property color warning: "#d29922"
    readonly property color warningBackground: "#4a3a10"
    readonly property color surveillance: "#e5534b"
    readonly property color active: "#3fb950"
    readonly property color motion: "#4ea1ff"
    readonly property color button: "#b083f0"
    readonly property color dimmer: "#000000"
    readonly property real nightOpacity: 0.6

    readonly property string fontFamily: "DejaVu Sans"
    readonly property int fontSmall: 13
    readonly property int fontBody: 16
    readonly property int fontTitle: 20
    readonly property int fontLarge: 26
    readonly property int fontHuge: 44

    readonly property int touchTarget: 56
    readonly property int iconSize: 44
    readonly property int rowHeight: 68
    readonly property int spacing: 8
    readonly property int padding: 12
    readonly property int radius: 10
    readonly property int sidePanelWidth: 300
    readonly property int narrowWidth: 620
}
