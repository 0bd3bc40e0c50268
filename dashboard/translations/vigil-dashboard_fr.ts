<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlarmControl</name>
    <message>
        <source>Alarm unknown</source>
        <translation>Alarme inconnue</translation>
    </message>
    <message>
        <source>Disarmed</source>
        <translation>Désarmée</translation>
    </message>
    <message>
        <source>Arming</source>
        <translation>Armement</translation>
    </message>
    <message>
        <source>Armed away</source>
        <translation>Armée (absence)</translation>
    </message>
    <message>
        <source>Armed home</source>
        <translation>Armée (présence)</translation>
    </message>
    <message>
        <source>Armed night</source>
        <translation>Armée (nuit)</translation>
    </message>
    <message>
        <source>Entry delay</source>
        <translation>Délai d&apos;entrée</translation>
    </message>
    <message>
        <source>Alarm triggered</source>
        <translation>Alarme déclenchée</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>En attente du serveur</translation>
    </message>
    <message>
        <source>Detections are only logged</source>
        <translation>Les détections sont seulement enregistrées</translation>
    </message>
    <message>
        <source>Disarmed by %1</source>
        <translation>Désarmée par %1</translation>
    </message>
    <message>
        <source>Leave now: armed away when the countdown ends</source>
        <translation>Sortez : armée (absence) à la fin du compte à rebours</translation>
    </message>
    <message>
        <source>Disarm before the countdown ends</source>
        <translation>Désarmez avant la fin du compte à rebours</translation>
    </message>
    <message>
        <source>%1 · disarm before the countdown ends</source>
        <translation>%1 · désarmez avant la fin du compte à rebours</translation>
    </message>
    <message>
        <source>Triggered from the keypad</source>
        <translation>Déclenchée depuis le clavier</translation>
    </message>
    <message>
        <source>Triggered by %1</source>
        <translation>Déclenchée par %1</translation>
    </message>
    <message>
        <source>Detections raise the alarm</source>
        <translation>Les détections déclenchent l&apos;alarme</translation>
    </message>
    <message>
        <source>Armed by %1</source>
        <translation>Armée par %1</translation>
    </message>
    <message>
        <source>Arm away</source>
        <translation>Absence</translation>
    </message>
    <message>
        <source>Arm home</source>
        <translation>Présence</translation>
    </message>
    <message>
        <source>Arm night</source>
        <translation>Nuit</translation>
    </message>
    <message>
        <source>Disarm</source>
        <translation>Désarmer</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Serveur injoignable : %1</translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation>Code erroné</translation>
    </message>
    <message>
        <source>This server has no alarm</source>
        <translation>Ce serveur n&apos;a pas d&apos;alarme</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong codes: locked for %n s</source>
        <translation>
            <numerusform>Trop de codes erronés : bloqué pendant %n s</numerusform>
            <numerusform>Trop de codes erronés : bloqué pendant %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong codes: try again later</source>
        <translation>Trop de codes erronés : réessayez plus tard</translation>
    </message>
    <message>
        <source>Could not change the alarm: %1</source>
        <translation>Impossible de changer l&apos;alarme : %1</translation>
    </message>
</context>
<context>
    <name>AlarmKeypad</name>
    <message>
        <source>Enter your code</source>
        <translation>Saisissez votre code</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message numerus="yes">
        <source>%n seconds left</source>
        <translation>
            <numerusform>%n seconde restante</numerusform>
            <numerusform>%n secondes restantes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertOverlay</name>
    <message numerus="yes">
        <source>%n alerts since the last acknowledgement</source>
        <translation>
            <numerusform>%n alerte depuis le dernier acquittement</numerusform>
            <numerusform>%n alertes depuis le dernier acquittement</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connexion au serveur…</translation>
    </message>
    <message>
        <source>The server refused the access token. Check VIGIL_TOKEN.</source>
        <translation>Le serveur a refusé le jeton d&apos;accès. Vérifiez VIGIL_TOKEN.</translation>
    </message>
    <message numerus="yes">
        <source>Server unreachable. Retrying in %n s.</source>
        <translation>
            <numerusform>Serveur injoignable. Nouvel essai dans %n s.</numerusform>
            <numerusform>Serveur injoignable. Nouvel essai dans %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server unreachable. Retrying…</source>
        <translation>Serveur injoignable. Nouvel essai…</translation>
    </message>
    <message numerus="yes">
        <source>Connection lost. Reconnecting in %n s.</source>
        <translation>
            <numerusform>Connexion perdue. Reconnexion dans %n s.</numerusform>
            <numerusform>Connexion perdue. Reconnexion dans %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection lost. Reconnecting…</source>
        <translation>Connexion perdue. Reconnexion…</translation>
    </message>
</context>
<context>
    <name>DashboardEvent</name>
    <message>
        <source>Motion detected</source>
        <translation>Mouvement détecté</translation>
    </message>
    <message>
        <source>Pressure detected</source>
        <translation>Pression détectée</translation>
    </message>
    <message>
        <source>Sensor online</source>
        <translation>Capteur en ligne</translation>
    </message>
    <message>
        <source>Sensor offline</source>
        <translation>Capteur hors ligne</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
    <message>
        <source>%1 of %2 sensors online</source>
        <translation>%1 capteur(s) en ligne sur %2</translation>
    </message>
    <message>
        <source>Night dimming</source>
        <translation>Mode nuit</translation>
    </message>
    <message>
        <source>No sensors yet</source>
        <translation>Aucun capteur pour l&apos;instant</translation>
    </message>
    <message>
        <source>No events yet</source>
        <translation>Aucun événement pour l&apos;instant</translation>
    </message>
    <message>
        <source>Waiting for the server…</source>
        <translation>En attente du serveur…</translation>
    </message>
</context>
<context>
    <name>DeviceDelegate</name>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
</context>
<context>
    <name>DeviceListModel</name>
    <message>
        <source>entry/exit</source>
        <translation>entrée/sortie</translation>
    </message>
    <message>
        <source>interior</source>
        <translation>intérieur</translation>
    </message>
    <message>
        <source>instant</source>
        <translation>immédiat</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h/24</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignoré</translation>
    </message>
</context>
<context>
    <name>EventDelegate</name>
    <message>
        <source>ALERT</source>
        <translation>ALERTE</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
</context>
<context>
    <name>ModeControl</name>
    <message>
        <source>Could not change the mode: %1</source>
        <translation>Impossible de changer de mode : %1</translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Surveillance on; switch to active</source>
        <translation>Surveillance activée ; passer en mode actif</translation>
    </message>
    <message>
        <source>Active; switch to surveillance</source>
        <translation>Mode actif ; passer en surveillance</translation>
    </message>
    <message>
        <source>Mode unknown</source>
        <translation>Mode inconnu</translation>
    </message>
    <message>
        <source>Surveillance</source>
        <translation>Surveillance</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Changement…</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>En attente du serveur</translation>
    </message>
    <message>
        <source>Events are only logged</source>
        <translation>Les événements sont seulement enregistrés</translation>
    </message>
    <message>
        <source>Detections raise an alert</source>
        <translation>Les détections déclenchent une alerte</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <source>Could not fetch the missed events: %1</source>
        <translation>Impossible de récupérer les événements manqués : %1</translation>
    </message>
    <message>
        <source>The server refused the access token.</source>
        <translation>Le serveur a refusé le jeton d&apos;accès.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Serveur injoignable : %1</translation>
    </message>
    <message>
        <source>This does not look like a Vigil server: %1</source>
        <translation>Ce n&apos;est pas un serveur Vigil : %1</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Connexion perdue : %1</translation>
    </message>
    <message>
        <source>Cannot open the live feed: %1</source>
        <translation>Impossible d&apos;ouvrir le flux en direct : %1</translation>
    </message>
</context>
</TS>
