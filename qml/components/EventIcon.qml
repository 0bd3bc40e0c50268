import QtQuick
import Vigil.Dashboard

// A round badge with a glyph per icon name (the names come from the C++ models). Glyphs of
// DejaVu Sans rather than image files: no SVG module is needed on the Pi.
Rectangle {
    id: root

    property string iconName: "event"
    property bool alert: false

    readonly property color tint: {
        switch (root.iconName) {
        case "motion": return Theme.motion
        case "button": return Theme.button
        case "online": return Theme.online
        case "offline": return Theme.offline
        default: return Theme.textMuted
        }
    }
    readonly property string glyph: {
        switch (root.iconName) {
        case "motion": return "\u25CE"
        case "button": return "\u2B07"
        case "online": return "\u2714"
        case "offline": return "\u2716"
        default: return "\u25CF"
        }
    }

    implicitWidth: Theme.iconSize
    implicitHeight: Theme.iconSize
    radius: width / 2
    color: Qt.rgba(tint.r, tint.g, tint.b, 0.18)
    border.color: root.alert ? Theme.alert : root.tint
    border.width: root.alert ? 3 : 2

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        text: root.glyph
        color: root.tint
        font.family: Theme.fontFamily
        font.pixelSize: Math.round(root.height * 0.5)
    }
}
