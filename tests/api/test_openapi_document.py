"""What the OpenAPI document promises integrators, checked over the whole document so a new endpoint keeps it."""

import pytest

pytestmark = pytest.mark.django_db


def parameters(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                yield f"{method.upper()} {path} {parameter['name']}", parameter.get("schema", {})


def test_every_integer_parameter_is_bounded_so_no_value_reaches_the_database_unchecked(api):
    """An unbounded integer once overflowed PostgreSQL's bigint (a 500 the fuzzer found): each has both bounds."""
    document = api().get("/openapi.json").json()
    integers = {name: schema for name, schema in parameters(document) if schema.get("type") == "integer"}
    assert integers, "the document has integer parameters"
    assert {name for name, schema in integers.items() if "maximum" not in schema or "minimum" not in schema} == set()


def test_every_error_answer_has_one_shape_with_a_sentence(api):
    document = api().get("/openapi.json").json()
    error = document["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string" and error["required"] == ["detail"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)
