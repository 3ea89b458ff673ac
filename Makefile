# MicDrop: `make run` starts the app, `make test` installs what is missing and runs the suite.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# Debian packages: what the app needs to run, and what the tests add (a virtual microphone,
# a virtual screen, ffmpeg to encode compressed test clips, PDF text extraction).
RUN_PKGS  := libportaudio2 libasound2-plugins espeak-ng libegl1 libgl1 libxkbcommon0 \
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
             libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 \
             fonts-dejavu-core
TEST_PKGS := $(RUN_PKGS) pulseaudio pulseaudio-utils sox ffmpeg xvfb xauth poppler-utils

.PHONY: run test lint bench screenshot system-run system-test clean

run: system-run $(VENV)/.installed
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ] && command -v xvfb-run >/dev/null; then \
	  echo "No display found: starting MicDrop on a virtual screen (xvfb-run)."; \
	  xvfb-run -a $(BIN)/micdrop; \
	else $(BIN)/micdrop; fi

test: system-test $(VENV)/.installed-test
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# The accuracy benchmark also speaks every answer (espeak-ng, then the bundled Whisper): slow
# the first time, cached after; the held-out set is scored too when it is there.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/scoring_accuracy.py --spoken
	@if [ -d tests/scoring/heldout ]; then \
	  $(BIN)/python benchmarks/scoring_accuracy.py --dir tests/scoring/heldout --spoken; fi
	$(BIN)/python benchmarks/value_links.py
	$(BIN)/python benchmarks/time_to_feedback.py

system-run:
	@$(MAKE) --no-print-directory _system PKGS="$(RUN_PKGS)"

system-test:
	@$(MAKE) --no-print-directory _system PKGS="$(TEST_PKGS)"

# Install the missing Debian packages when we can (root with apt-get); otherwise say how.
_system:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	elif command -v apt-get >/dev/null; then \
	  echo "MicDrop needs these system packages. Install them with:"; \
	  echo "  sudo apt-get install$$missing"; exit 1; \
	else \
	  echo "MicDrop needs PortAudio, espeak-ng and Qt's xcb libraries (tests: PulseAudio, sox, Xvfb)."; \
	  echo "Missing Debian packages:$$missing -- install your platform's equivalents."; exit 1; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

screenshot: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshot.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
