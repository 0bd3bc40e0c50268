import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vigil.Dashboard

// The one page: header, connection banner, the alarm (or, on a server without one, the guide's
// mode switch) and the sensors on the side, the live event list filling the rest. Two columns
// when there is room, one on a narrow window. The keypad opens over it when an action needs a
// code, and by itself when an entry delay starts.
Item {
    id: root

    required property ServerConnection connection

    readonly property bool wide: root.width >= Theme.narrowWidth

    function requestAlarm(action) {
        if (root.connection.alarm.needsCode(action))
            keypad.openFor(action)
        else
            root.connection.alarm.request(action, "")
    }

    // The wall clock in the header; a view concern, so a view timer.
    Timer {
        interval: 5000
        running: true
        repeat: true
        onTriggered: clock.text = Qt.formatTime(new Date(), "hh:mm")
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Header: name, sensors online, clock, night switch.
        Rectangle {
            color: Theme.surface
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.padding
                spacing: Theme.padding

                Text {
                    textFormat: Text.PlainText
                    text: qsTr("Vigil")
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                }
                Rectangle {
                    objectName: "connectionDot"
                    implicitWidth: 12
                    implicitHeight: 12
                    radius: 6
                    color: root.connection.status === ServerConnection.Connected ? Theme.online
                                                                                 : Theme.offline
                }
                Text {
                    textFormat: Text.PlainText
                    text: qsTr("%1 of %2 sensors online").arg(root.connection.devices.onlineCount)
                                                          .arg(root.connection.devices.count)
                    color: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Text {
                    id: clock
                    textFormat: Text.PlainText
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    text: Qt.formatTime(new Date(), "hh:mm")
                }
                ToolButton {
                    id: nightButton
                    objectName: "nightButton"
                    text: Theme.night ? "\u2600" : "\u263E"
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.fontTitle
                    implicitWidth: Theme.touchTarget
                    implicitHeight: Theme.touchTarget
                    Accessible.name: qsTr("Night dimming")
                    onClicked: Theme.night = !Theme.night

                    background: Rectangle {
                        color: nightButton.pressed ? Theme.surfaceRaised : "transparent"
                    }
                    contentItem: Text {
                        textFormat: Text.PlainText
                        text: nightButton.text
                        font: nightButton.font
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
        }

        ConnectionBanner {
            objectName: "connectionBanner"
            status: root.connection.status
            reconnectInSeconds: root.connection.reconnectInSeconds
            errorString: root.connection.errorString
            Layout.fillWidth: true
        }

        GridLayout {
            columns: root.wide ? 2 : 1
            columnSpacing: Theme.padding
            rowSpacing: Theme.padding
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.padding

            ColumnLayout {
                spacing: Theme.padding
                Layout.preferredWidth: root.wide ? Theme.sidePanelWidth : -1
                Layout.fillWidth: !root.wide
                Layout.fillHeight: root.wide

                AlarmPanel {
                    objectName: "alarmPanel"
                    alarm: root.connection.alarm
                    visible: root.connection.alarm.available
                    Layout.fillWidth: true
                    onActionRequested: action => root.requestAlarm(action)
                }

                ModeSwitch {
                    objectName: "modeSwitch"
                    visible: !root.connection.alarm.available
                    surveillance: root.connection.surveillance
                    known: root.connection.mode.length > 0
                    pending: root.connection.modeChangePending
                    Layout.fillWidth: true
                    onToggleRequested: root.connection.toggleMode()
                }

                Rectangle {
                    color: Theme.surface
                    radius: Theme.radius
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: root.wide ? -1 : Theme.touchTarget * 2
                    visible: root.wide || root.connection.devices.count > 0

                    ListView {
                        id: deviceList
                        objectName: "deviceList"
                        anchors.fill: parent
                        anchors.margins: 4
                        clip: true
                        model: root.connection.devices
                        delegate: DeviceDelegate {
                            width: ListView.view.width
                        }

                        Text {
                            textFormat: Text.PlainText
                            anchors.centerIn: parent
                            visible: deviceList.count === 0
                            text: qsTr("No sensors yet")
                            color: Theme.textMuted
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
            }

            Rectangle {
                color: Theme.surface
                radius: Theme.radius
                Layout.fillWidth: true
                Layout.fillHeight: true

                ListView {
                    id: eventList
                    objectName: "eventList"
                    anchors.fill: parent
                    anchors.margins: 4
                    clip: true
                    model: root.connection.events
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    delegate: EventDelegate {
                        width: ListView.view.width
                    }

                    Text {
                        textFormat: Text.PlainText
                        anchors.centerIn: parent
                        visible: eventList.count === 0
                        text: root.connection.hasData ? qsTr("No events yet")
                                                      : qsTr("Waiting for the server…")
                        color: Theme.textMuted
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                    }
                }
            }
        }
    }

    AlarmKeypad {
        id: keypad
        objectName: "alarmKeypad"
        alarm: root.connection.alarm
    }

    Connections {
        target: root.connection.alarm
        function onEntryDelayStarted() {
            if (root.connection.alarm.needsCode("disarm") && !keypad.opened)
                keypad.openFor("disarm")
        }
    }
}
