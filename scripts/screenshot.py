"""Screenshots of a running Commonweal for the docs, in Debian's headless Chromium.

    .venv/bin/python scripts/screenshot.py URL OUTPUT.png \
        [--sign-in EMAIL PASSWORD] [--language zh-hans] [--width 1280] [--height 800] [--full-page]
"""

import argparse
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("output")
    parser.add_argument("--sign-in", nargs=2, metavar=("EMAIL", "PASSWORD"))
    parser.add_argument("--language", default="en")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not one screen")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(
            viewport={"width": args.width, "height": args.height}, locale=args.language
        )
        page.set_extra_http_headers({"Accept-Language": args.language})
        if args.sign_in:
            page.goto(urljoin(args.url, "/accounts/sign-in/"))
            page.fill("input[name=username]", args.sign_in[0])
            page.fill("input[name=password]", args.sign_in[1])
            page.locator("main button[type=submit]").click()
            page.wait_for_load_state()
        page.goto(args.url)
        page.screenshot(path=args.output, full_page=args.full_page)
        browser.close()


if __name__ == "__main__":
    main()
