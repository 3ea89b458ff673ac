"""The feedback report as PDF, laid out and drawn by Qt: no browser, nothing fetched.

The page is the HTML report (`scoring.report_html`) fed to a QTextDocument, so PDF, HTML and
screen say the same things; the one difference is the timeline, which Qt's rich text cannot
draw from SVG, so it is the window's own timeline drawing painted into an image. Everything
here paints on images and a PDF writer, never on widgets, so an export runs in a worker
thread while the window stays responsive.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from desktop.widgets.part_timeline import TimelineDrawing
from scoring.analysis import Analysis
from scoring.report_html import render_html
from scoring.reports import ReportItem

RESOLUTION_DPI = 96  # the document's pixels are screen pixels: 1:1 with the widget's drawing
TIMELINE_SIZE = (640, 80)


def render_pdf(items: Sequence[ReportItem]) -> bytes:
    """A4 pages with the question, timeline, transcript by part, checklist, delivery, tips
    and follow-up of each attempt; a set starts with its summary page."""
    _ensure_app()
    document = QTextDocument()
    document.setDocumentMargin(0)
    images: dict[str, QImage] = {}

    def timeline(analysis: Analysis, n: int) -> str:
        name = f"timeline-{n}.png"
        images[name] = _timeline_image(analysis)
        return f'<p><img src="{name}" width="{TIMELINE_SIZE[0]}"></p>'

    html = render_html(items, timeline=timeline).decode("utf-8")
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    return _print(document)


def _timeline_image(analysis: Analysis) -> QImage:
    image = QImage(*TIMELINE_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    drawing = TimelineDrawing()
    drawing.set_analysis(analysis)
    painter = QPainter(image)
    drawing.paint(painter, TIMELINE_SIZE[0])
    painter.end()
    return image


def _print(document: QTextDocument) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle("MicDrop feedback report")
    writer.setCreator("MicDrop")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def _ensure_app() -> None:
    """Fonts need an application object; the CLI has none of its own."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["micdrop-report"])
