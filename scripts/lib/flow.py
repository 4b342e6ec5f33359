"""What the browser flows share beyond Chromium: two-step codes, a page-replaced check, and the
step runner that prints each step and keeps its result for the flow's exit status."""

import base64
import hashlib
import hmac
import struct
import time
import traceback

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

results = []


def totp(secret, at=None):
    """The RFC 6238 code of `secret` now (or at `at`), as an authenticator app shows it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def gone(element):
    """Whether `element` left the document (the next page replaced it)."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def step(name, action):
    """Runs one step: `action` returns a list of problems (empty when all is well)."""
    try:
        problems = action() or []
        print(f"{'ok  ' if not problems else 'FAIL'} {name}" + ("" if not problems else f": {problems}"))
        results.append(not problems)
    except Exception as error:  # a step that raised failed; the next ones still run
        print(f"FAIL {name}: {error}")
        traceback.print_exc(limit=2)
        results.append(False)


def finish():
    """Prints the tally and exits with the flow's status."""
    import sys
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    sys.exit(0 if all(results) else 1)
