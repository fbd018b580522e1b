"""The spec diff: every change between two IRs that a user of the generated client can notice.

Subjects are spelled as users meet them in the client: `client.chats.create()`,
`client.chats.create(handle=)`, `Chat.handle`, `ChatStatus`, `client` (for what concerns every
call: auth, base URL).
"""

from __future__ import annotations

import dataclasses

from generator.document.loader import join_pointer
from generator.ir.model import Api, SecurityScheme
from generator.release.changes.document import document_changes
from generator.release.changes.findings import Context, spec_change
from generator.release.changes.models import match_models, model_pointer, models_changes
from generator.release.changes.operations import operations_changes, resource_changes
from generator.release.changes.report import Change


def _scheme_text(scheme: SecurityScheme) -> str:
    if scheme.kind == "http":
        return f"HTTP {scheme.scheme or 'auth'}"
    if scheme.kind == "apiKey":
        return f"API key in {scheme.location} `{scheme.param_name}`"
    return scheme.kind


def _auth_changes(old: Api, new: Api) -> list[Change]:
    before = {s.name: s for s in old.security_schemes}
    after = {s.name: s for s in new.security_schemes}
    changes = []
    for name, scheme in before.items():
        pointer = join_pointer("/components/securitySchemes", name)
        current = after.get(name)
        if current is None:
            changes.append(spec_change("auth-scheme-removed", "client", pointer, name=name, text=_scheme_text(scheme)))
        elif dataclasses.replace(current, description=scheme.description) != scheme:
            old_text, new_text = _scheme_text(scheme), _scheme_text(current)
            how = f" from {old_text} to {new_text}" if old_text != new_text else ""
            changes.append(
                spec_change("auth-scheme-changed", "client", pointer, old_text, new_text, name=name, how=how)
            )
    for name, scheme in after.items():
        if name not in before:
            pointer = join_pointer("/components/securitySchemes", name)
            changes.append(spec_change("auth-scheme-added", "client", pointer, name=name, text=_scheme_text(scheme)))
    return changes


def _server_changes(old: Api, new: Api) -> list[Change]:
    if old.servers == new.servers:
        return []
    before = old.servers[0] if old.servers else None
    after = new.servers[0] if new.servers else None
    if before != after:
        text = f"default base URL changed from `{before}` to `{after}`"
    else:
        text = f"servers changed from {list(old.servers)} to {list(new.servers)}"
    return [spec_change("server-changed", "client", "/servers", before, after, text=text)]


def diff_apis(old: Api, new: Api) -> list[Change]:
    """Every change between two IRs that a user of the generated client can notice."""
    pairs, removed, added = match_models(old, new)
    ctx = Context(old, new, {a.name: b.name for a, b in pairs})
    changes = operations_changes(old, new, ctx)
    changes += resource_changes(old, new)
    changes += [spec_change("model-removed", m.name, model_pointer(m)) for m in removed]
    changes += [spec_change("model-added", m.name, model_pointer(m)) for m in added]
    changes += models_changes(old, new, ctx, pairs)
    changes += _auth_changes(old, new)
    changes += _server_changes(old, new)
    changes += document_changes(old, new)
    return sorted(dict.fromkeys(changes), key=Change.sort_key)
