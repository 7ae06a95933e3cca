# The two commands of the README, plus a few for day-to-day work.
.PHONY: demo test lint format migrations-check

demo:
	scripts/dev.sh demo

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
