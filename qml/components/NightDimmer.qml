import QtQuick
import Vigil.Dashboard

// Darkens everything for the night without taking input (touches go through to the buttons).
Rectangle {
    id: root

    color: Theme.dimmer
    opacity: Theme.night ? Theme.nightOpacity : 0
    enabled: false
    visible: opacity > 0

    Behavior on opacity {
        NumberAnimation { duration: 400 }
    }
}
