"""Run mutmut (pinned in the test extra) so it also mutates `@transaction.atomic` services.

mutmut leaves every decorated function alone, which would leave most of our services (all of
councils/meetings.py) unmutated. A function whose only decorators are `transaction.atomic` is
safe to mutate: the trampoline mutmut puts in its place keeps the decorator, and the original
and mutated copies behind it lose it, so each call still runs in exactly one transaction
(no extra savepoints for the query counts to see). Everything else is mutmut as released.
MUTATION_TESTS (paths, space-separated) replaces [tool.mutmut] pytest_add_cli_args_test_selection,
so each module runs against its own tests. Used by scripts/mutation.sh; arguments are mutmut's."""

from __future__ import annotations

import os
import sys

import libcst as cst
from mutmut import configuration
from mutmut.__main__ import cli
from mutmut.mutation import file_mutation


def _is_atomic(decorator: cst.Decorator) -> bool:
    node = decorator.decorator
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "atomic"
        and isinstance(node.value, cst.Name)
        and node.value.value == "transaction"
    )


def _only_atomic(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.FunctionDef)
        and bool(node.decorators)
        and all(_is_atomic(d) for d in node.decorators)
    )


_skip = file_mutation.MutationVisitor._skip_node_and_children


def _skip_node_and_children(self: file_mutation.MutationVisitor, node: cst.CSTNode) -> bool:
    if not _only_atomic(node):
        return _skip(self, node)
    # Judge the function as if undecorated; the node keeps its identity (metadata is keyed by it).
    decorators = node.decorators  # type: ignore[attr-defined]
    object.__setattr__(node, "decorators", ())
    try:
        return _skip(self, node)
    finally:
        object.__setattr__(node, "decorators", decorators)


_arrange = file_mutation.function_trampoline_arrangement


def function_trampoline_arrangement(function, mutants, class_name):  # type: ignore[no-untyped-def]
    declarations, methods, assignments, names = _arrange(function, mutants, class_name)
    if _only_atomic(function):
        trampoline, *copies = methods
        methods = [trampoline, *(copy.with_changes(decorators=()) for copy in copies)]
    return declarations, methods, assignments, names


file_mutation.MutationVisitor._skip_node_and_children = _skip_node_and_children  # type: ignore[method-assign]
file_mutation.function_trampoline_arrangement = function_trampoline_arrangement

_load_config = configuration._load_config


def _load_config_with_tests() -> configuration.Config:
    config = _load_config()
    if os.environ.get("MUTATION_TESTS"):
        config.pytest_add_cli_args_test_selection = os.environ["MUTATION_TESTS"].split()
    return config


configuration._load_config = _load_config_with_tests

if __name__ == "__main__":
    sys.exit(cli())
