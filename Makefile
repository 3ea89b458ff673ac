# MicDrop: `make run` starts the app, `make test` installs what is missing and runs the suite.
# Python packages come from the committed locks (exact versions and hashes); `make lock`
# refreshes them, `make lock UPGRADE=1` also moves every pin to its newest allowed version.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

LOCK       := requirements.lock
TEST_LOCK  := requirements-test.lock
UV_VERSION := 0.13.8
# One lock for every platform and Python >= 3.11, with the hashes of every published file.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet $(if $(UPGRADE),--upgrade)
# CTranslate2's int8 kernels come from oneMKL, which picks its code by CPU: a machine without
# VNNI (most AVX2 CPUs) hears short clips differently. CT2_FORCE_CPU_ISA alone does not
# change MKL's choice, so each mode forces both (CT2 ISA : MKL instruction set).
ISA_MODES  := GENERIC:SSE4_2 AVX2:AVX2

# Debian packages: what the app needs to run, and what the tests add (a virtual microphone,
# a virtual screen, ffmpeg to encode compressed test clips, PDF text extraction, strace to
# prove a rehearsal opens no network socket).
RUN_PKGS  := libportaudio2 libasound2-plugins espeak-ng libegl1 libgl1 libxkbcommon0 \
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
             libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 \
             fonts-dejavu-core
TEST_PKGS := $(RUN_PKGS) pulseaudio pulseaudio-utils sox ffmpeg xvfb xauth poppler-utils strace

.PHONY: run test test-isa lint lock bench screenshot system-run system-test clean

run: system-run $(VENV)/.installed
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ] && command -v xvfb-run >/dev/null; then \
	  echo "No display found: starting MicDrop on a virtual screen (xvfb-run)."; \
	  xvfb-run -a $(BIN)/micdrop; \
	else $(BIN)/micdrop; fi

test: system-test $(VENV)/.installed-test
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The tests that run the Whisper model, once per forced CPU kernel set (see ISA_MODES).
test-isa: system-test $(VENV)/.installed-test
	@set -e; for mode in $(ISA_MODES); do \
	  echo "== model tests with CT2_FORCE_CPU_ISA=$${mode%%:*} MKL_ENABLE_INSTRUCTIONS=$${mode#*:}"; \
	  CT2_FORCE_CPU_ISA=$${mode%%:*} MKL_ENABLE_INSTRUCTIONS=$${mode#*:} \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m model; \
	done

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# The accuracy benchmark also speaks every answer (espeak-ng, then the bundled Whisper): slow
# the first time, cached after; the newest held-out set (heldout6) is scored with the sentence model.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/scoring_accuracy.py --spoken
	$(BIN)/python benchmarks/scoring_accuracy.py --dir tests/scoring/heldout6 --spoken --embed
	$(BIN)/python benchmarks/value_links.py tests/scoring/heldout6/value_links.toml
	$(BIN)/python benchmarks/value_links.py
	$(BIN)/python benchmarks/sentence_model_cost.py --variants pinned,int8-lookups-trim
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/time_to_feedback.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/report_export.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/store_scale.py

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

$(VENV)/.installed: $(LOCK) pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(TEST_LOCK) pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.installed

# Re-resolve the locks from pyproject.toml: pins already in them are kept unless UPGRADE=1.
# The runtime lock is constrained by the test lock, so both hold the same versions.
lock: | $(VENV)/bin/python
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml packaging/build.in --extra test $(LOCK_FLAGS) \
	  -o $(TEST_LOCK)
	$(BIN)/uv pip compile pyproject.toml packaging/build.in -c $(TEST_LOCK) $(LOCK_FLAGS) \
	  -o $(LOCK)

screenshot: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshot.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
