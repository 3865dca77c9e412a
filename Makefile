# Common tasks. Every target uses the project's virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Extra Hydra overrides, e.g. make train ARGS="noise=fashion noise.pct=30"
ARGS ?=
# Hydra preset swept by `make sweep`
SWEEP ?= study_offline
TENSORBOARD_PORT ?= 6006

.PHONY: install train sweep report tensorboard test bench clean

install:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -e ".[dev]"

train:
	$(PY) -m noisy_gan.train $(ARGS)

sweep:
	$(PY) -m noisy_gan.train -m experiment=$(SWEEP) $(ARGS)

report:
	$(PY) -m noisy_gan.report --latest outputs/multirun

tensorboard:
	$(PY) -m tensorboard.main --logdir outputs --host 127.0.0.1 --port $(TENSORBOARD_PORT)

test:
	$(PY) -m pytest

bench:
	$(PY) -m bench.metrics_speed

clean:
	rm -rf outputs .pytest_cache
	find . -name __pycache__ -type d -prune -not -path "./$(VENV)/*" -exec rm -rf {} +
