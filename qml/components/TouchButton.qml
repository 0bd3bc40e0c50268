import QtQuick
import QtQuick.Controls
import Vigil.Dashboard

// A finger-sized button of the alarm's panel and keypad: at least Theme.touchTarget square,
// outlined in its tint, filled when it is the main action.
AbstractButton {
    id: root

    property color tint: Theme.accent
    property bool primary: false
    property int textSize: Theme.fontBody

    implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Theme.touchTarget
    padding: Theme.spacing
    font.family: Theme.fontFamily
    font.pixelSize: root.textSize
    font.bold: root.primary
    Accessible.name: root.text

    background: Rectangle {
        radius: Theme.radius
        color: root.primary ? (root.pressed ? Qt.darker(root.tint, 1.3) : root.tint)
                            : (root.pressed ? Theme.surfaceRaised : Theme.background)
        border.color: root.tint
        border.width: 2
        opacity: root.enabled ? 1 : 0.4
    }

    contentItem: Text {
        textFormat: Text.PlainText
        text: root.text
        font: root.font
        color: root.primary ? Theme.background : Theme.text
        opacity: root.enabled ? 1 : 0.5
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
}
