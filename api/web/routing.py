"""How page routes answer: errors as a page in Chinese (not problem+json), a sign-in page for a
visitor without a session, and who is signed in known to every page (the menu shows it)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute

from api.deps import get_actor_or_none
from api.problems import problem_headers, shown_detail, status_of
from api.web.render import render
from domain.accounts.accounts import Actor
from pufa.errors import PufaError, Unauthorized

PageNumber = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]


async def remember_actor(request: Request, actor: Annotated[Actor | None, Depends(get_actor_or_none)]) -> None:
    """Every page knows who is signed in (and every form post passes the CSRF check on the way)."""
    request.state.actor = actor


class PageRoute(APIRoute):
    """A page route: our errors and bad query parameters become an HTML page with the right status;
    a page that needs a signed-in account sends a visitor without one to the sign-in page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Unauthorized:
                if request.method == "GET":
                    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
                return render(request, "error.html", status_code=401, status=401, detail="请先登录。")
            except PufaError as exc:
                status = status_of(exc)
                page = render(request, "error.html", status_code=status, status=status,
                              detail=shown_detail(exc, chinese=True))
                page.headers.update(problem_headers(exc) or {})
                return page
            except RequestValidationError as exc:
                detail = "；".join(f"参数 {error['loc'][-1]}：{error['msg']}" for error in exc.errors())
                return render(request, "error.html", status_code=422, status=422, detail=detail)

        return page_handler


def page_router() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False, default_response_class=HTMLResponse,
                     dependencies=[Depends(remember_actor)])
