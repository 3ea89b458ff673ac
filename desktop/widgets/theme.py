"""One calm, light style for the whole window, in one place instead of per widget."""

from __future__ import annotations

WINDOW_SIZE = (1100, 760)

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
QScrollArea#sideScroll { background: transparent; }
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
                           font-weight: 600; min-width: 110px; padding: 9px 14px; }
QPushButton#recordButton:disabled { background: #E8B4AE; color: #FFFFFF; }
QPushButton#stopButton { min-width: 110px; padding: 9px 14px; font-weight: 600; }
QComboBox { background: #FFFFFF; border: 1px solid #C5CCD3; border-radius: 6px;
            padding: 4px 8px; }
QStatusBar { background: #EBEDF0; color: #3A434B; }
"""
