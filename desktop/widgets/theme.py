"""One calm, light style for the whole window, and its sizes, in one place instead of per
widget."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent, QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# The size the window opens at (logical pixels), when the screen has room for it.
WINDOW_SIZE = (1100, 760)
# Room left around a window that has to shrink to its screen: its frame, panels and docks.
SCREEN_MARGIN = (24, 72)
# The answer column scrolls rather than squeeze below this height (the question, Record
# and the top of the feedback stay in view; 1280x800 at 150 % leaves 533 for the window).
COLUMN_MIN_HEIGHT = 380

STYLE = """
QMainWindow, QWidget#central { background: #F5F6F8; }
QWidget { color: #22282E; font-size: 13px; }
QLabel#sectionTitle { font-size: 11px; font-weight: 600; color: #5B6670;
                      text-transform: uppercase; letter-spacing: 1px; margin-top: 6px; }
QLabel#caption { color: #5B6670; font-size: 12px; }
QLabel#questionText { font-size: 21px; font-weight: 500; color: #14191E; }
QWidget#questionCard { background: #FFFFFF; border: 1px solid #DDE1E6; border-radius: 10px; }
QLabel#notice { background: #FFF4E0; color: #6B4200; border: 1px solid #F0D9A8;
                border-radius: 6px; padding: 6px 10px; }
QLabel#score { font-size: 30px; font-weight: 700; color: #14191E; }
QLabel#verdict { font-size: 15px; font-weight: 600; }
QLabel#recordState { color: #5B6670; }
QLabel#followUp { background: #EEF4FA; border-radius: 6px; padding: 8px; }
QScrollArea#sideScroll, QScrollArea#columnScroll { background: transparent; }
QWidget#columnViewport, QWidget#columnViewport > QWidget { background: transparent; }
QFrame#sidePanel { background: #FFFFFF; border: 1px solid #DDE1E6; border-radius: 10px; }
QTextBrowser#transcript { background: #FFFFFF; border: 1px solid #DDE1E6; border-radius: 8px;
                          padding: 6px; font-size: 14px; }
QListWidget { background: #FFFFFF; border: 1px solid #DDE1E6; border-radius: 8px; }
QListWidget::item { padding: 6px 4px; }
QListWidget::item:selected { background: #D6E6F5; color: #14191E; }
QListWidget::item:alternate { background: #F8F9FA; }
QPushButton { background: #FFFFFF; border: 1px solid #C5CCD3; border-radius: 6px;
              padding: 6px 14px; }
QPushButton:hover { background: #EEF1F4; }
QPushButton:disabled { color: #A0A8B0; border-color: #DDE1E6; }
QPushButton#recordButton { background: #C0392B; color: white; border: none;
                           font-weight: 600; min-width: 92px; padding: 9px 12px; }
QPushButton#recordButton:disabled { background: #E8B4AE; color: #FFFFFF; }
QPushButton#stopButton { min-width: 92px; padding: 9px 12px; font-weight: 600; }
QComboBox { background: #FFFFFF; border: 1px solid #C5CCD3; border-radius: 6px;
            padding: 4px 8px; }
QStatusBar { background: #EBEDF0; color: #3A434B; }
"""


def sidebar_width(window_width: int) -> int:
    """The question list's share of the window: 300 px when there is room, as little as
    210 on a small screen, where the answer column needs every pixel to avoid wrapping."""
    return round(min(300, max(210, 0.27 * window_width)))


def fitted_size(screen: QScreen | None) -> QSize:
    """WINDOW_SIZE, or less where the screen is smaller (a 1280x800 screen at 150 % scale
    has 853x533 logical pixels); the window's minimum size still applies."""
    width, height = WINDOW_SIZE
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - SCREEN_MARGIN[0])
        height = min(height, room.height() - SCREEN_MARGIN[1])
    return QSize(width, height)


class ScrollingColumn(QScrollArea):
    """A widget in a frameless vertical scroll area: on a short screen it scrolls instead
    of squeezing its parts over each other; whenever there is room it fills the area.

    The widget is sized here rather than by QScrollArea's own resizing, which makes it as
    tall as its layout would *like* at that width (so it scrolled even where everything
    fits); here it is as tall as the area, or as its parts' minimum heights at that width
    (wrapped text included) if that is more.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setObjectName("columnScroll")
        self.viewport().setObjectName("columnViewport")
        self.setWidget(widget)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The widget's needs change with its texts and style: follow them."""
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        widget, room = self.widget(), self.viewport().size()
        layout = widget.layout()
        needed = widget.minimumSizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            needed = max(needed, layout.minimumHeightForWidth(room.width()))
        widget.resize(room.width(), max(room.height(), needed))

    def minimumSizeHint(self) -> QSize:
        """As wide as the widget needs (it never scrolls sideways), short as allowed."""
        inner = self.widget().minimumSizeHint().width()
        return QSize(inner + self.verticalScrollBar().sizeHint().width(), COLUMN_MIN_HEIGHT)
