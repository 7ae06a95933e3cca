"""Hooks: how a lower app asks a higher one without importing it (see ARCHITECTURE.md).

The lower app declares a `Hook` with a default answer and calls it; the higher app registers
its function in its AppConfig.ready(). Events that several apps may react to are Django
signals instead (declared in the lower app's `signals.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Hook(Generic[P, R]):
    """One function, provided from above; until then the default answers."""

    def __init__(self, name: str, default: Callable[P, R]) -> None:
        self.name = name
        self._default = default
        self._provider: Callable[P, R] | None = None

    def register(self, provider: Callable[P, R]) -> Callable[P, R]:
        self._provider = provider
        return provider

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        return (self._provider or self._default)(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {self._provider or self._default}>"
