"""Uses the generated package as installed by pip."""

from errcat_codes.rtc_vendor_error_codes import ErrorCode
from errcat_codes.zego_server_return_codes import Common

known = Common.from_code(100000000)
print(known.code, known.message if known.message is not None else "-")
unknown = Common.from_code(999999999)
print(unknown.code, "known" if unknown.known else "unknown")
english = known.texts_in("en")
print(english.locale, english.message)
fallback = ErrorCode.from_code(0).texts_in("en")
print(fallback.locale, fallback.message)
