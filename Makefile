# The two commands of the README, plus a few for day-to-day work.
.PHONY: demo test lint format migrations-check

# `make demo PORT=8001` (or PORT=8001 make demo) serves on another port; 8000 by default.
PORT ?= 8000

demo:
	PORT=$(PORT) scripts/dev.sh demo

test:
	scripts/dev.sh test

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

migrations-check:
	.venv/bin/jobcouncil makemigrations --check --dry-run
