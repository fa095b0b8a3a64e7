# The two commands a user needs are `make up` and `make test`; the rest serve them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

STACK := node --import tsx scripts/stack.ts
NODE_TEST := node --import tsx --test --test-reporter=spec
UNIT_AND_INTEGRATION := $$(find packages services scripts bench -name '*.test.ts' -not -path '*/node_modules/*' | sort)

.PHONY: help install proto proto-check check lint typecheck web docs test test-node test-web test-e2e \
	up down status logs load-auth load-session load-message bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

node_modules: package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

install: node_modules ## install the npm packages

proto: node_modules ## regenerate the gRPC code from proto/
	cd proto && npx buf lint && rm -rf gen && npx buf generate

proto-check: node_modules ## fail when proto/gen is out of date
	@tmp=$$(mktemp -d); cd proto && npx buf generate -o $$tmp && diff -r gen $$tmp/gen >/dev/null; \
	status=$$?; rm -rf $$tmp; \
	[ $$status -eq 0 ] || { echo "proto/gen is out of date: run make proto"; exit 1; }

typecheck: node_modules
	npx tsc -p tsconfig.json --noEmit
	npm -w @chat/web run --silent typecheck

lint: node_modules
	npx eslint --max-warnings 0 .
	npx prettier --check . >/dev/null || { npx prettier --check . | tail -20; exit 1; }
	cd proto && npx buf lint

check: typecheck lint proto-check ## types, lint, formatting, proto lint

docs: node_modules ## write the configuration tables into the README
	node --import tsx scripts/config-table.ts --write

web: node_modules ## build the web app into web/dist
	npm -w @chat/web run --silent build

test: check test-node test-web test-e2e ## everything CI runs

test-node: node_modules ## unit and integration tests (real NATS and database)
	$(NODE_TEST) $(UNIT_AND_INTEGRATION)

test-web: node_modules ## the web app's unit tests
	npm -w @chat/web run --silent test

test-e2e: web ## the browser test in Chromium against two gateways
	$(NODE_TEST) tests/*.test.ts

up: node_modules web ## start the local stack: NATS, database, services, gateways on 8080 and 8081
	$(STACK) up

down: ## stop what make up started
	$(STACK) down

status: ## show the processes of the local stack
	$(STACK) status

logs: ## follow the stack's logs (NAME=auth for one)
	$(STACK) logs $(NAME)

load-auth: node_modules ## load test of auth: log-ins, refreshes, token checks
	node --import tsx bench/load-auth.ts

load-session: node_modules ## load test of session's gRPC API: memberships, lists, groups, joins
	node --import tsx bench/load-session.ts

load-message: node_modules ## load test of message: durable sends, history, sync, beside the driver
	node --import tsx bench/load-message.ts

# One after another even under -j: side by side they would share the two cores.
bench: node_modules ## every benchmark, one after another
	$(MAKE) --no-print-directory load-auth
	$(MAKE) --no-print-directory load-session
	$(MAKE) --no-print-directory load-message
