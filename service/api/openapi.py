"""The OpenAPI document as the API answers: refused parameters are 400, a token check can give 401.

FastAPI documents a 422 ``HTTPValidationError`` on every operation with parameters, but the error handlers
answer validation errors with 400 and the catalogue's ``{"error": {"code", "message"}}``; clients generated
from the schema, and the schema fuzz in the tests, must see what is really sent. The one 422 the API sends, a
refused correction (``invalid_correction``), is documented by its routes and kept.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from fastapi import FastAPI

from models.api import ErrorPublic

_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
_REF = "#/components/schemas/"
_ERROR = {"application/json": {"schema": {"$ref": _REF + "ErrorPublic"}}}
_INVALID = {"description": "a parameter has a value that is not allowed", "content": _ERROR}
_UNAUTHORIZED = {"description": "no or wrong API token", "content": _ERROR}


def api_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with each validation 422 replaced by the 400 sent instead, and 401 on every secured operation."""
    validation = _REF + "HTTPValidationError"
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:  # a path's shared "parameters" or "summary"
                continue
            responses = operation.setdefault("responses", {})
            unprocessable = responses.get("422", {})
            if unprocessable.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref") == validation:
                del responses["422"]
                responses.setdefault("400", deepcopy(_INVALID))
            elif unprocessable:  # a refused correction: sent with 422, and parameters are still checked with 400
                responses.setdefault("400", deepcopy(_INVALID))
            # Reads need the token too when PATTI_READ_TOKEN_REQUIRED is set, so every secured operation can say 401.
            if operation.get("security"):
                responses.setdefault("401", deepcopy(_UNAUTHORIZED))
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    if "ErrorPublic" not in components:  # no route named it: add it and the models it refers to
        error = ErrorPublic.model_json_schema(ref_template=_REF + "{model}")
        components.update(error.pop("$defs", {}))
        components["ErrorPublic"] = error
    return schema


def install_openapi(app: FastAPI) -> None:
    """Serve ``api_errors`` of FastAPI's generated schema at ``/openapi.json`` and on the docs page."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            api_errors(generate())  # FastAPI keeps what it generated in app.openapi_schema: fixed there, once
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
