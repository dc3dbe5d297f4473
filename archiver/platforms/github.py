"""giscus and utterances: comments kept in a GitHub repository, read with GitHub's API.

* **utterances** keeps a page's comments in an issue whose title is the page's term
  (path, URL or title): ``/search/issues`` finds it (or the page names its number),
  ``/repos/O/R/issues/N/comments`` pages through them (``Link: rel="next"``). Flat: no
  parents.
* **giscus** keeps them in a Discussion: one GraphQL query finds it by its term and gives
  its comments with their replies, paged by cursor. GitHub's GraphQL API needs a token.

The token is the operator's (``ARCHIVER_GITHUB_TOKEN``); without one, utterances is read
anonymously (60 requests an hour) and giscus not at all. ``api.github.com`` disallows
crawlers in its robots.txt: an operator who reads through the API under their own token
exempts that host in ``ARCHIVER_COMMENT_ROBOTS_EXEMPT`` (docs/comments.md).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlencode

from archiver.platforms.base import (
    Platform,
    SourceError,
    SourceRequest,
    SourceResponse,
    SourceResult,
    html_text,
    iso_utc,
    plain_text,
)

PLATFORM = "github"
PLATFORMS = ("giscus", "utterances")
OFFICIAL = True
API = "https://api.github.com"
_NEXT = re.compile(r"<([^>]+)>\s*;\s*rel=\"next\"")

_DISCUSSION_QUERY = """
query($search: String!, $after: String) {
  search(type: DISCUSSION, query: $search, first: 1) {
    nodes { ... on Discussion { number title
      comments(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        nodes { databaseId author { login url } createdAt bodyHTML isMinimized
          replies(first: 100) { nodes { databaseId author { login url } createdAt bodyHTML isMinimized } } } } } }
  }
}"""


def first_requests(platform: Platform, page_url: str, config: Any) -> list[SourceRequest]:
    params = platform.params
    api = config.endpoint(PLATFORM, API).rstrip("/")
    headers = _headers(config)
    repo = params.get("repo", "")
    if "/" not in repo:
        return []
    if platform.name == "utterances":
        if params.get("issue_number"):
            return [_issue_comments(api, repo, params["issue_number"], headers)]
        query = f'"{params.get("term", "")}" repo:{repo} type:issue in:title'
        return [SourceRequest(f"{api}/search/issues?{urlencode({'q': query})}", "utterances", "search",
                              headers=headers, context={"api": api, "repo": repo, "term": params.get("term", "")})]
    if not config.github_token:
        return []
    search = f'repo:{repo} in:title "{params.get("term", "")}"'
    return [_graphql(api, search, None, headers, params.get("term", ""))]


def _headers(config: Any) -> dict[str, str]:
    headers = {"Accept": "application/vnd.github.html+json", "X-GitHub-Api-Version": "2022-11-28"}
    if config.github_token:
        headers["Authorization"] = f"Bearer {config.github_token}"
    return headers


def _issue_comments(api: str, repo: str, number: Any, headers: dict[str, str]) -> SourceRequest:
    return SourceRequest(f"{api}/repos/{quote(repo)}/issues/{number}/comments?per_page=100", "utterances", "comments",
                         headers=headers, context={"api": api, "repo": repo})


def _graphql(api: str, search: str, after: str | None, headers: dict[str, str], term: str) -> SourceRequest:
    body = json.dumps({"query": _DISCUSSION_QUERY, "variables": {"search": search, "after": after}}).encode()
    return SourceRequest(f"{api}/graphql", "giscus", "discussion", method="POST", body=body,
                         headers={**headers, "Content-Type": "application/json"},
                         context={"api": api, "search": search, "term": term})


def parse(response: SourceResponse, config: Any = None) -> SourceResult:
    try:
        data = response.ok_json()
    except SourceError as error:
        return SourceResult(error=str(error))
    step, context = response.request.step, response.request.context
    if step == "search":
        items = data.get("items") if isinstance(data, dict) else None
        issue = next((i for i in items or [] if isinstance(i, dict) and i.get("title") == context["term"]), None)
        if issue is None:
            return SourceResult(declared=0)
        return SourceResult(declared=issue.get("comments"),
                            follow=[_issue_comments(context["api"], context["repo"], issue["number"],
                                                    response.request.headers)])
    if step == "comments":
        return _issue_page(response, data)
    return _discussion(response, data)


def _issue_page(response: SourceResponse, data: Any) -> SourceResult:
    result = SourceResult()
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict) or entry.get("id") is None:
            continue
        text = html_text(entry.get("body_html")) or plain_text(entry.get("body"))
        if not text:
            result.dropped += 1
            continue
        user = entry.get("user") if isinstance(entry.get("user"), dict) else {}
        result.comments.append(response.comment(
            str(entry["id"]), author=user.get("login") or None, author_url=user.get("html_url") or None,
            published=iso_utc(entry.get("created_at")), text=text, page_url=entry.get("html_url") or None))
    following = _NEXT.search(response.headers.get("link", ""))
    if following:
        request = response.request
        result.follow = [SourceRequest(following.group(1), request.platform, request.step, headers=request.headers,
                                       context=request.context)]
    return result


def _discussion(response: SourceResponse, data: Any) -> SourceResult:
    if not isinstance(data, dict) or data.get("errors"):
        return SourceResult(error=f"GraphQL errors: {str(data.get('errors') if isinstance(data, dict) else data)[:200]}")
    nodes = (((data.get("data") or {}).get("search") or {}).get("nodes")) or []
    context = response.request.context
    discussion = next((n for n in nodes if isinstance(n, dict) and context["term"] in (n.get("title") or "")), None)
    if discussion is None:
        return SourceResult(declared=0)
    comments = discussion.get("comments") or {}
    result = SourceResult(declared=comments.get("totalCount"))
    for node in comments.get("nodes") or []:
        _add_node(response, node, None, result)
        for reply in ((node or {}).get("replies") or {}).get("nodes") or []:
            _add_node(response, reply, node.get("databaseId"), result)
    page = comments.get("pageInfo") or {}
    if page.get("hasNextPage") and page.get("endCursor"):
        headers = {k: v for k, v in response.request.headers.items() if k != "Content-Type"}
        result.follow = [_graphql(context["api"], context["search"], page["endCursor"], headers, context["term"])]
    if result.declared is not None:  # totalCount counts top-level comments only
        result.declared = max(result.declared, len(result.comments))
    return result


def _add_node(response: SourceResponse, node: Any, parent: Any, result: SourceResult) -> None:
    if not isinstance(node, dict) or node.get("databaseId") is None:
        return
    text = "" if node.get("isMinimized") else html_text(node.get("bodyHTML"))
    if not text:
        result.dropped += 1
        return
    author = node.get("author") if isinstance(node.get("author"), dict) else {}
    result.comments.append(response.comment(
        str(node["databaseId"]), author=author.get("login") or None, author_url=author.get("url") or None,
        published=iso_utc(node.get("createdAt")), text=text, parent_id=response.scoped(parent)))
