"""Every error the API answers is `application/problem+json` (RFC 9457): our own errors with the
status their kind calls for, request validation naming each field, and the framework's own
HTTP errors (unknown path, wrong method, a body cut off at the size limit)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from pufa.errors import (
    Conflict,
    Forbidden,
    InputError,
    InputErrors,
    MailUnavailable,
    NotFound,
    PayloadTooLarge,
    PufaError,
    StoreError,
    StoreUnavailable,
    TooManyRequests,
    Unauthorized,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"
STATUS_OF: dict[type[PufaError], int] = {
    NotFound: 404, InputError: 422, StoreUnavailable: 503, StoreError: 503, Unauthorized: 401, Forbidden: 403, PayloadTooLarge: 413,
    Conflict: 409, TooManyRequests: 429, MailUnavailable: 503,
}


STORE_FAILED = ("the graph store could not complete this request and nothing was written; try again in a minute, "
                "and if it keeps failing tell the administrator (the server log has the store's own message)")
STORE_FAILED_ZH = "数据库暂时无法完成这项操作，没有写入任何内容。请过一分钟再试；如果一直如此，请告诉系统管理员（服务器日志记有原因）。"
STORE_RETRY_SECONDS = 60
logger = logging.getLogger("pufa.api")


def shown_detail(exc: PufaError, *, chinese: bool = False) -> str:
    """What the caller reads: our own message, except for a failed store operation, which names what to
    do and never the engine's words (those go to the server log). An unreachable store keeps its own
    message (which store, where): the operator's healthcheck needs it."""
    if isinstance(exc, StoreError):
        logger.error("store failure: %s", exc)
        return STORE_FAILED_ZH if chinese else STORE_FAILED
    return str(exc)


def status_of(exc: PufaError) -> int:
    return next((code for kind, code in STATUS_OF.items() if isinstance(exc, kind)), 500)


def problem(status: int, detail: str, instance: str, *, title: str | None = None, headers: dict | None = None,
            **extra: object) -> JSONResponse:
    body = {"type": "about:blank", "title": title or HTTPStatus(status).phrase, "status": status, "detail": detail,
            "instance": instance, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _pufa_error(request: Request, exc: PufaError) -> JSONResponse:
    status = status_of(exc)
    extra: dict[str, object] = {"state": exc.state} if isinstance(exc, Conflict) and exc.state else {}
    if isinstance(exc, InputErrors):
        extra["errors"] = [{"field": problem.location, "message": problem.message} for problem in exc.problems]
    return problem(status, shown_detail(exc), request.url.path, title=type(exc).__name__, headers=problem_headers(exc),
                   **extra)


def problem_headers(exc: PufaError) -> dict[str, str] | None:
    """401 names the scheme to use; 429 and a store's 503 say when to try again."""
    if isinstance(exc, Unauthorized):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, TooManyRequests):
        return {"Retry-After": str(exc.retry_after)}
    if isinstance(exc, (StoreError, StoreUnavailable)):
        return {"Retry-After": str(STORE_RETRY_SECONDS)}
    return None


def _field(location: tuple) -> str:
    """('query', 'limit') → query parameter limit; ('body', 'paths', 0) → body field paths[0]."""
    where, *path = location
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
    return f"{where} {name}" if name else where


def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"field": _field(tuple(error["loc"])), "message": error["msg"]} for error in exc.errors()]
    detail = "; ".join(f"{error['field']}: {error['message']}" for error in errors)
    return problem(422, detail, request.url.path, title="RequestValidationError", errors=errors)


def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return problem(exc.status_code, str(exc.detail), request.url.path, headers=exc.headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(PufaError, _pufa_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
