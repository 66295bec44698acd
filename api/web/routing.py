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
from pufa.errors import PufaError, StoreError, Unauthorized

ADVICE = {
    400: "请求有误，请返回上一页重试。",
    403: "您的账号无权查看或办理此事项；如需办理，请联系普法办。",
    404: "没有找到要查看的内容，它可能已被删除；请从菜单重新进入。",
    409: "此事项当前的状态不能这样办理，请重新打开页面查看可办理的事项。",
    413: "文件过大，请压缩或拆分后重新上传。",
    422: "所填写的内容不符合要求，请检查后重试。",
    429: "尝试次数过多，请稍后再试。",
    503: "系统暂时无法处理，请稍后再试；如多次出现，请联系普法办。",
}
"""What a clerk reads for an error without advice of its own (the English message is for programs)."""
PageNumber = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]


def _chosen_year(year: Annotated[str, Query(max_length=4, pattern=r"^((19[4-9]|20[0-9])[0-9]|2100)?$")] = "") -> int | None:
    """A year from a form's select, where the empty choice (全部年度) means none."""
    return int(year) if year else None


ChosenYear = Annotated[int | None, Depends(_chosen_year)]


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
                detail = exc.advice or (shown_detail(exc, chinese=True) if isinstance(exc, StoreError)
                                        else ADVICE.get(status, ADVICE[400]))
                page = render(request, "error.html", status_code=status, status=status, detail=detail)
                page.headers.update(problem_headers(exc) or {})
                return page
            except RequestValidationError:
                return render(request, "error.html", status_code=422, status=422, detail=ADVICE[422])

        return page_handler


def page_router() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False, default_response_class=HTMLResponse,
                     dependencies=[Depends(remember_actor)])
