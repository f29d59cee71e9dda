import io.github.errcat.codes.RtcVendorErrorCodes;
import io.github.errcat.codes.ZegoServerReturnCodes;
import io.github.errcat.codes.ZegoServerReturnCodes.Common;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Uses the generated sources, compiled into a class path. */
public final class Main {
    private Main() {
    }

    /** The codes of {@code values}, joined by {@code separator}: the documented serialization. */
    private static String codes(List<Common> values, String separator) {
        return values.stream().map(value -> Long.toString(value.code())).collect(Collectors.joining(separator));
    }

    public static void main(String[] args) {
        Common known = Common.fromCode(100000000L);
        System.out.println(known.code() + " " + known.message().orElse("-"));
        Common unknown = Common.fromCode(999999999L);
        System.out.println(unknown.code() + " " + (unknown.isKnown() ? "known" : "unknown"));
        // English from the page's English edition; a catalog without one falls back, visibly.
        ZegoServerReturnCodes.Texts english = known.textsIn("en");
        System.out.println(english.locale() + " " + english.message());
        RtcVendorErrorCodes.ErrorCode success = RtcVendorErrorCodes.ErrorCode.fromCode(0L);
        RtcVendorErrorCodes.Texts fallback = success.textsIn("en");
        System.out.println(fallback.locale() + " " + fallback.message());

        Set<Common> set = new HashSet<>(List.of(known, Common.INVALID_HOST));
        System.out.println("equal " + known.equals(Common.INVALID_HOST) + " " + set.size());
        Common again = Common.fromCode(unknown.code());
        System.out.println("unknown " + again.code() + " " + again.isKnown());
        List<Common> sorted = new ArrayList<>(List.of(unknown, Common.fromCode(100000001L), Common.INVALID_HOST));
        Collections.sort(sorted);
        System.out.println("order " + codes(sorted, " "));
        System.out.println("json [" + codes(List.of(Common.INVALID_HOST, unknown), ",") + "]");
        System.out.println("display " + Common.INVALID_HOST);
        System.out.println("display en " + Common.INVALID_HOST.display("en"));
        System.out.println("display " + unknown);
        System.out.println("success " + success.isSuccess() + " " + Common.INVALID_HOST.isSuccess());
    }
}
