<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlarmControl</name>
    <message>
        <source>Alarm unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disarmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Armed away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Armed home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Armed night</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm triggered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections are only logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disarmed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave now: armed away when the countdown ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disarm before the countdown ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · disarm before the countdown ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggered from the keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggered by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections raise the alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Armed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm night</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server has no alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong codes: locked for %n s</source>
        <translation>
            <numerusform>Too many wrong codes: locked for %n s</numerusform>
            <numerusform>Too many wrong codes: locked for %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong codes: try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the alarm: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlarmKeypad</name>
    <message>
        <source>Enter your code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message numerus="yes">
        <source>%n seconds left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertOverlay</name>
    <message numerus="yes">
        <source>%n alerts since the last acknowledgement</source>
        <translation>
            <numerusform>%n alert since the last acknowledgement</numerusform>
            <numerusform>%n alerts since the last acknowledgement</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the access token. Check VIGIL_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Server unreachable. Retrying in %n s.</source>
        <translation>
            <numerusform>Server unreachable. Retrying in %n s.</numerusform>
            <numerusform>Server unreachable. Retrying in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server unreachable. Retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s.</source>
        <translation>
            <numerusform>Connection lost. Reconnecting in %n s.</numerusform>
            <numerusform>Connection lost. Reconnecting in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardEvent</name>
    <message>
        <source>Motion detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pressure detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensor online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensor offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 sensors online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Night dimming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sensors yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceDelegate</name>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <source>entry/exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ignored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventDelegate</name>
    <message>
        <source>ALERT</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Vigil</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeControl</name>
    <message>
        <source>Could not change the mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Surveillance on; switch to active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active; switch to surveillance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surveillance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events are only logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections raise an alert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <source>Could not fetch the missed events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This does not look like a Vigil server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the live feed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
