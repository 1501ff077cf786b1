"""A lesson's Markdown as safe HTML.

markdown-it renders CommonMark with raw HTML switched off (a lesson is text, not a
page of its own), then nh3 keeps only the tags and attributes listed here and only
http, https and mailto links, so nothing a course author writes, or an imported
folder holds, runs in a reader's browser. No third party is asked for anything when
a lesson is read: an image shows only when it is one of the lesson's own files
(``![diagram](diagram.png)``); an image or video elsewhere becomes a link to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.utils import EnvType, OptionsDict

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "img", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _image(self, tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
    """A lesson's own file shows as an image; anything else is a link, never fetched."""
    token = tokens[idx]
    name = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    files: Mapping[str, str] = env.get("files", {})
    if name in files:
        return f'<img src="{escape(files[name])}" alt="{escape(alt)}">'
    return f'<a href="{escape(name)}">{escape(alt or name)}</a>'


def _link_open(self, tokens, idx: int, options: OptionsDict, env: EnvType) -> str:
    """A link to one of the lesson's files goes to where the site serves it."""
    token = tokens[idx]
    files: Mapping[str, str] = env.get("files", {})
    href = token.attrGet("href") or ""
    if href in files:
        token.attrSet("href", files[href])
    return self.renderToken(tokens, idx, options, env)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    parser.add_render_rule("image", _image, fmt="html")
    parser.add_render_rule("link_open", _link_open, fmt="html")
    return parser


_PARSER = _parser()
assert isinstance(_PARSER.renderer, RendererHTML)


def render(markdown: str, *, files: Mapping[str, str] | None = None) -> str:
    """Safe HTML for ``markdown``; ``files`` maps a lesson file's name to its address."""
    html = _PARSER.render(markdown, {"files": dict(files or {})})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
