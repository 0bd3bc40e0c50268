#include "screenshottaker.h"

#include "serverconnection.h"

#include <QImage>
#include <QQuickWindow>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

ScreenshotTaker::ScreenshotTaker(QQuickWindow *window, ServerConnection *connection, QString path,
                                 QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_connection(connection)
    , m_path(std::move(path))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ScreenshotTaker::waitForFrame);
}

void ScreenshotTaker::start(std::chrono::milliseconds timeout)
{
    if (m_connection->hasData()) {
        waitForFrame();
        return;
    }
    connect(m_connection, &ServerConnection::hasDataChanged, this, &ScreenshotTaker::waitForFrame);
    m_timeout.start(timeout);
}

// The data is in the models; the views update on the next frame. Grab after that frame so the
// picture shows the data, not the empty state before it.
void ScreenshotTaker::waitForFrame()
{
    if (m_waiting)
        return;
    m_waiting = true;
    m_timeout.stop();
    if (!m_window) {
        Q_EMIT finished(false, u"no window to grab"_s);
        return;
    }
    connect(
        m_window, &QQuickWindow::frameSwapped, this,
        [this] { QTimer::singleShot(0, this, &ScreenshotTaker::grab); }, Qt::SingleShotConnection);
    // A window that is not exposed renders no frame; grabWindow() still renders one itself.
    QTimer::singleShot(2s, this, &ScreenshotTaker::grab);
    m_window->update();
}

void ScreenshotTaker::grab()
{
    if (m_grabbed)
        return;
    m_grabbed = true;
    const QImage image = m_window->grabWindow();
    if (image.isNull()) {
        Q_EMIT finished(false, u"could not grab the window"_s);
        return;
    }
    if (!image.save(m_path, "PNG")) {
        Q_EMIT finished(false, u"could not write %1"_s.arg(m_path));
        return;
    }
    Q_EMIT finished(true, u"saved %1 (%2x%3)"_s.arg(m_path).arg(image.width()).arg(image.height()));
}
