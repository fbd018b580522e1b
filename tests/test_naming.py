"""Names decided once: every spec name gets a distinct, valid Python name, and nothing is lost."""

from __future__ import annotations

import keyword

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ir import naming

COLLIDING_TAGS = ["user-admin", "user_admin", "userAdmin", "User Admin", "USER_ADMIN"]
NAMES = st.one_of(
    st.sampled_from(
        [*COLLIDING_TAGS, "", " ", "🎉", "メッセージ", "class", "self", "to_dict", "copy", "timeout", "x" * 300]
    ),
    st.text(max_size=20),
)


def test_colliding_tags_become_distinct_resources_in_order() -> None:
    names = naming.MethodTreeNames()
    paths = [names.resource_path((tag,)) for tag in COLLIDING_TAGS]
    assert paths == [("user_admin",), ("user_admin2",), ("user_admin3",), ("user_admin4",), ("user_admin5",)]
    # The same tag again is the same resource.
    assert names.resource_path(("User Admin",)) == ("user_admin4",)


def test_tags_without_ascii_letters_are_distinct_resources() -> None:
    names = naming.MethodTreeNames()
    assert [names.resource_path((tag,)) for tag in ("🎉", "メッセージ", "", " ")] == [
        ("resource",),
        ("resource2",),
        ("resource3",),
        ("resource4",),
    ]


def test_methods_and_resources_share_a_namespace() -> None:
    names = naming.MethodTreeNames()
    assert names.resource_path(("users",)) == ("users",)
    assert names.method((), "users") == ("users2", True)
    assert names.method(("users",), "list") == ("list", False)
    assert names.method(("users",), "List") == ("list2", True)


def test_client_attributes_are_not_taken_by_resources_or_methods() -> None:
    names = naming.MethodTreeNames()
    for reserved in ("close", "with_options", "timeout", "base_url", "copy"):
        resource = names.resource_path((reserved,))[0]
        method, _ = names.method((), reserved)
        assert resource not in naming.RESERVED_ROOT_ATTRIBUTES
        assert method not in naming.RESERVED_ROOT_ATTRIBUTES


def test_long_resource_names_fit_a_file_name() -> None:
    names = naming.MethodTreeNames()
    first = names.resource_path(("a" * 300,))[0]
    second = names.resource_path(("a" * 301,))[0]
    assert len(first) <= naming.MAX_RESOURCE_NAME and first != second


def test_a_property_keeps_its_wire_name_when_it_is_a_python_name() -> None:
    assert naming.field_names(["user-name", "user_name"]) == ["user_name2", "user_name"]
    assert naming.field_names(["user_name", "user-name"]) == ["user_name", "user_name2"]
    # A Python name is never another property's wire name.
    assert naming.field_names(["a-b", "a_b2", "a_b"]) == ["a_b3", "a_b2", "a_b"]


def test_model_helpers_and_keywords_get_a_trailing_underscore() -> None:
    assert naming.field_names(["to_dict", "model_dump", "class", "json"]) == [
        "to_dict_",
        "model_dump_",
        "class_",
        "json_",
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(NAMES, max_size=12))
def test_field_names_are_distinct_identifiers_never_another_wire_name(wire_names: list[str]) -> None:
    wire_names = list(dict.fromkeys(wire_names))  # JSON object keys are unique
    py_names = naming.field_names(wire_names)
    assert len(set(py_names)) == len(py_names)
    for wire, py in zip(wire_names, py_names, strict=True):
        assert py.isidentifier() and py.isascii() and not keyword.iskeyword(py)
        assert py not in naming.RESERVED_ATTRIBUTES
        assert py == wire or py not in wire_names


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(NAMES, max_size=2), NAMES), max_size=12))
def test_method_tree_paths_are_distinct_identifiers(operations: list[tuple[list[str], str]]) -> None:
    names = naming.MethodTreeNames()
    seen = set()
    for resources, method in operations:
        parent = names.resource_path(tuple(resources))
        name, _ = names.method(parent, method)
        path = (*parent, name)
        assert path not in seen
        seen.add(path)
        for segment in path:
            assert segment.isidentifier() and segment.isascii() and not keyword.iskeyword(segment)
    # No method sits where a resource is.
    resources_at = {p[:i] for p in seen for i in range(1, len(p))}
    assert not (seen & resources_at)


def test_types_module_names_are_distinct_files_on_every_file_system() -> None:
    groups = ["ChatCreateParams", "Foo", "foo", "FOO", "Con", "Aux", "Com1", "Com", "com", "Class", "🎉", "X" * 300]
    names = naming.module_names(groups, exported=["Foo", "chat_create_params"])
    assert names[:4] == ["chat_create_params2", "foo", "foo2", "foo3"]
    assert names[4:8] == ["con_", "aux_", "com1_", "com"]
    assert names[8] == "com10"  # com2...com9 are reserved on Windows too
    assert names[9:11] == ["class_", "model"]
    assert len({name.lower() for name in names}) == len(names)
    for name in names:
        assert name.isidentifier() and not keyword.iskeyword(name) and name == name.lower()
        assert len(name) <= naming.MAX_RESOURCE_NAME
        assert name not in naming.WINDOWS_RESERVED_NAMES


@settings(max_examples=200, deadline=None)
@given(st.lists(NAMES, max_size=12))
def test_types_module_names_are_always_valid(groups: list[str]) -> None:
    names = naming.module_names(groups)
    assert len({name.lower() for name in names}) == len(names)
    assert all(name.isidentifier() and not keyword.iskeyword(name) for name in names)
    assert all(len(name) <= naming.MAX_RESOURCE_NAME and name not in naming.WINDOWS_RESERVED_NAMES for name in names)
