import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Dashboard

// The big surveillance/active switch. It never flips itself: it asks (toggleRequested) and
// shows whatever mode comes back from the server.
AbstractButton {
    id: root

    property bool surveillance: false
    property bool known: false   // the server has told us the mode at least once
    property bool pending: false // a change is on its way to the server

    signal toggleRequested()

    readonly property color tint: root.surveillance ? Theme.surveillance : Theme.active

    implicitWidth: 280
    implicitHeight: Math.max(Theme.touchTarget * 2,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: Theme.padding
    enabled: root.known && !root.pending
    Accessible.name: root.surveillance ? qsTr("Surveillance on; switch to active")
                                       : qsTr("Active; switch to surveillance")

    onClicked: root.toggleRequested()

    background: Rectangle {
        radius: Theme.radius
        color: root.pressed ? Theme.surfaceRaised : Theme.surface
        border.color: root.known ? root.tint : Theme.border
        border.width: 3
    }

    contentItem: RowLayout {
        spacing: Theme.padding

        // The track and knob of a switch, drawn large for a finger.
        Rectangle {
            implicitWidth: 96
            implicitHeight: Theme.touchTarget
            radius: height / 2
            color: root.known ? Qt.rgba(root.tint.r, root.tint.g, root.tint.b, 0.35)
                              : Theme.surfaceRaised
            opacity: root.enabled ? 1 : 0.6

            Rectangle {
                objectName: "knob"
                width: parent.height - 8
                height: width
                radius: width / 2
                y: 4
                x: root.surveillance ? parent.width - width - 4 : 4
                color: root.known ? root.tint : Theme.textMuted

                Behavior on x {
                    NumberAnimation { duration: 150 }
                }
            }
        }

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Text {
                objectName: "modeTitle"
                textFormat: Text.PlainText
                text: !root.known ? qsTr("Mode unknown")
                                  : root.surveillance ? qsTr("Surveillance") : qsTr("Active")
                color: root.known ? root.tint : Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontLarge
                font.bold: true
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            Text {
                textFormat: Text.PlainText
                text: root.pending ? qsTr("Changing…")
                                   : !root.known ? qsTr("Waiting for the server")
                                   : root.surveillance ? qsTr("Detections raise an alert")
                                                       : qsTr("Events are only logged")
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }

        BusyIndicator {
            running: root.pending
            visible: root.pending
            implicitWidth: Theme.touchTarget
            implicitHeight: Theme.touchTarget
        }
    }
}
