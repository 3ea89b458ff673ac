"""What the company and question editors share: save through the bank files (which refuse
anything the loader would not read back), or show the loader's own words and stay open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class BankEntryDialog:
    """Mixin of an editor dialog with `data_dir`, an `errors` label, a `saved` signal and
    `saved_path`."""

    def save_with(self: Any, write: Callable[[], Any]) -> None:
        """Write the file and close, or show what the loader objects to and stay open."""
        from desktop.bank_files import BankFileError

        try:
            saved = write()
        except BankFileError as error:
            self.show_problems(str(error))
            return
        except OSError as error:
            self.show_problems(f"Could not write the file in {self.data_dir} "
                               f"({error.strerror or error}); check the folder is writable.")
            return
        self.saved_path = saved.path
        self.saved.emit(saved.entry)
        self.accept()

    def show_problems(self: Any, text: str) -> None:
        self.errors.setText("Not saved:\n" + text)
        self.errors.show()
