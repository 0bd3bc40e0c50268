import QtQuick
import QtQuick.Layouts
import Vigil.Dashboard

// One row of the event list: icon, what happened, where, and how long ago.
Rectangle {
    id: root

    required property string title
    required property string type
    required property string deviceId
    required property string source
    required property string summary
    required property string relativeTime
    required property string iconName
    required property bool alert

    readonly property string place: root.source.length > 0 ? root.deviceId + " · " + root.source
                                                            : root.deviceId

    implicitHeight: Theme.rowHeight
    color: root.alert ? Theme.alertRow : "transparent"

    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.padding

        EventIcon {
            objectName: "eventIcon"
            iconName: root.iconName
            alert: root.alert
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                Text {
                    objectName: "eventTitle"
                    textFormat: Text.PlainText
                    text: root.title
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: !alertBadge.visible
                }

                Rectangle {
                    id: alertBadge
                    visible: root.alert
                    color: Theme.alert
                    radius: 4
                    implicitWidth: badgeText.implicitWidth + 2 * Theme.spacing
                    implicitHeight: badgeText.implicitHeight + 4

                    Text {
                        id: badgeText
                        textFormat: Text.PlainText
                        anchors.centerIn: parent
                        text: qsTr("ALERT")
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                    }
                }

                Item {
                    visible: alertBadge.visible
                    Layout.fillWidth: true
                }
            }

            Text {
                objectName: "eventPlace"
                textFormat: Text.PlainText
                text: root.summary.length > 0 ? root.place + " · " + root.summary : root.place
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }

        Text {
            objectName: "eventTime"
            textFormat: Text.PlainText
            text: root.relativeTime
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
    }
}
