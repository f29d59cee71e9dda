"""Uses the generated package as installed by pip: prints what every
consumer prints (`EXPECTED`, then the code contract, `CONTRACT`, in
xtask/tests/consumers.rs)."""

import json

from errcat_codes.rtc_vendor_error_codes import ErrorCode
from errcat_codes.zego_server_return_codes import Common


def flag(value: bool) -> str:
    return "true" if value else "false"


known = Common.from_code(100000000)
print(known.code, known.message if known.message is not None else "-")
unknown = Common.from_code(999999999)
print(unknown.code, "known" if unknown.known else "unknown")
english = known.texts_in("en")
print(english.locale, english.message)
fallback = ErrorCode.from_code(0).texts_in("en")
print(fallback.locale, fallback.message)

# The code contract.
print("equal", flag(known == Common.INVALID_HOST and known is Common.INVALID_HOST), len({known, Common.INVALID_HOST}))
again = Common.from_code(unknown.code)
print("unknown", again.code, flag(again.known))
ordered = sorted([unknown, Common.from_code(100000001), Common.INVALID_HOST])
print("order", " ".join(str(value.code) for value in ordered))
print("json", json.dumps([Common.INVALID_HOST, unknown], separators=(",", ":")))
print("display", Common.INVALID_HOST)
print("display", "en", Common.INVALID_HOST.display_in("en"))
print("display", unknown)
print("success", flag(ErrorCode.from_code(0).is_success), flag(Common.INVALID_HOST.is_success))
