import errcat.codes.RtcVendorErrorCodes;
import errcat.codes.ZegoServerReturnCodes;

/** Uses the generated sources, compiled into a class path. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ZegoServerReturnCodes.Common known = ZegoServerReturnCodes.Common.fromCode(100000000L).orElseThrow();
        System.out.println(known.code() + " " + known.message().orElse("-"));
        long unknown = 999999999L;
        System.out.println(unknown + " " + (ZegoServerReturnCodes.Common.fromCode(unknown).isPresent() ? "known" : "unknown"));
        ZegoServerReturnCodes.Texts english = known.textsIn("en");
        System.out.println(english.locale() + " " + english.message());
        RtcVendorErrorCodes.Texts fallback = RtcVendorErrorCodes.ErrorCode.fromCode(0L).orElseThrow().textsIn("en");
        System.out.println(fallback.locale() + " " + fallback.message());
    }
}
