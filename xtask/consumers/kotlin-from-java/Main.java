import errcat.codes.zego_server_return_codes.Common;
import errcat.codes.zego_server_return_codes.Texts;

/** Calls the generated Kotlin classes from Java. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Common known = Common.fromCode(100000000);
        String message = known == null ? null : known.getMessage();
        System.out.println((known == null ? "-" : known.getCode()) + " " + (message == null ? "-" : message));
        System.out.println(999999999 + " " + (Common.fromCode(999999999) == null ? "unknown" : "known"));
        if (known != null) {
            Texts english = known.textsIn("en");
            System.out.println(english.getLocale() + " " + english.getMessage());
        }
        errcat.codes.rtc_vendor_error_codes.ErrorCode success = errcat.codes.rtc_vendor_error_codes.ErrorCode.fromCode(0);
        if (success != null) {
            errcat.codes.rtc_vendor_error_codes.Texts fallback = success.textsIn("en");
            System.out.println(fallback.getLocale() + " " + fallback.getMessage());
        }
    }
}
