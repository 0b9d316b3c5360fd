"""The signal ids a scenario may react to, and the outcome ids it may end in.

Known signals = taxonomy category ids (what the scorer detects)
              + the shared intent library of the scenario's language
              + the scenario's own `intents:`
              + signals the engine derives itself (BUILTIN_SIGNALS).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from scoring.diagnostics import Diagnostic
from scoring.model import Lang

# Signals the engine emits without the intent library: a line that talks about
# the debt, a line that asks for money, the slots (money / a date was said), and a line that
# asks for the debtor by someone else's name (simulator.engine.names).
BUILTIN_SIGNALS: tuple[str, ...] = ("mentions_debt", "payment_request", "amount", "date", "wrong_name")

_SIGNAL_SECTIONS = ("violations", "required_conduct", "empathy_positive", "empathy_negative")


def taxonomy_path() -> Path:
    import scoring

    return Path(scoring.__file__).resolve().parent / "data" / "taxonomy.yaml"


@lru_cache(maxsize=1)
def _taxonomy() -> dict[str, Any]:
    with taxonomy_path().open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def taxonomy_categories() -> dict[str, str]:
    """Category id -> kind (violations, required_conduct, empathy_positive, empathy_negative)."""
    out: dict[str, str] = {}
    for section in _SIGNAL_SECTIONS:
        for cid in _taxonomy().get(section) or {}:
            out[str(cid)] = section
    return out


def taxonomy_outcomes() -> dict[str, str]:
    """Outcome id -> description."""
    return {str(k): str(v) for k, v in (_taxonomy().get("outcomes") or {}).items()}


@lru_cache(maxsize=4)
def shared_intent_ids(lang: str) -> frozenset[str]:
    """Ids of the shared intent library `scenarios/intents/<lang>.yaml` (empty if absent).

    Only the ids are read here; the nlu package owns the library's full format.
    """
    from simulator.scenario.library import builtin_dir

    path = builtin_dir() / "intents" / f"{lang}.yaml"
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError):
        return frozenset()
    return frozenset(_ids_in(data))


def _ids_in(data: Any) -> list[str]:
    if isinstance(data, dict) and "intents" in data:
        data = data["intents"]
    if isinstance(data, dict):
        return [str(k) for k in data]
    if isinstance(data, list):
        return [str(item["id"]) for item in data if isinstance(item, dict) and "id" in item]
    return []


def known_signals(lang: str, local_intents: Any = ()) -> dict[str, str]:
    """Signal id -> where it comes from (taxonomy section, `intent library`, `scenario intent`, `builtin`)."""
    out: dict[str, str] = {sid: "builtin" for sid in BUILTIN_SIGNALS}
    out.update({iid: "intent library" for iid in shared_intent_ids(lang)})
    out.update(taxonomy_categories())
    out.update({str(iid): "scenario intent" for iid in local_intents})
    return out


def intent_library_diagnostics(raw: Any, lang: Lang, path: str) -> list[Diagnostic] | None:
    """The intent library's own checks of a scenario's `intents:` (match expressions compile,
    regexes are RE2, ...), at their marks; None when the nlu package is not available."""
    intents = raw.get("intents") if isinstance(raw, dict) else None
    if not intents:
        return []
    try:
        from simulator.nlu.library import check_intents

        return list(check_intents(intents, lang, path))
    except ImportError:
        return None
    except Exception as exc:  # the validator reports, it never crashes
        mark = raw.mark_of("intents") if hasattr(raw, "mark_of") else None
        line, col = mark if mark else (None, None)
        return [
            Diagnostic(
                path,
                line,
                col,
                "error",
                "bad-intent",
                f"the intent library could not check these intents ({type(exc).__name__}: {exc})",
            )
        ]
