import io.github.errcat.codes.rtcvendorerrorcodes.ErrorCode;
import io.github.errcat.codes.zegoserverreturncodes.Common;
import io.github.errcat.codes.zegoserverreturncodes.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Calls the generated Kotlin classes from Java. */
public final class Main {
    private Main() {
    }

    /** The codes of {@code values}, joined by {@code separator}: the documented serialization. */
    private static String codes(List<Common> values, String separator) {
        return values.stream().map(value -> Long.toString(value.getCode())).collect(Collectors.joining(separator));
    }

    public static void main(String[] args) {
        Common known = Common.fromCode(100000000L);
        String message = known.getMessage();
        System.out.println(known.getCode() + " " + (message == null ? "-" : message));
        Common unknown = Common.fromCode(999999999L);
        System.out.println(unknown.getCode() + " " + (unknown.isKnown() ? "known" : "unknown"));
        // English from the page's English edition; a catalog without one falls back, visibly.
        Texts english = known.textsIn("en");
        System.out.println(english.getLocale() + " " + english.getMessage());
        ErrorCode success = ErrorCode.fromCode(0L);
        io.github.errcat.codes.rtcvendorerrorcodes.Texts fallback = success.textsIn("en");
        System.out.println(fallback.getLocale() + " " + fallback.getMessage());

        Set<Common> set = new HashSet<>(List.of(known, Common.INVALID_HOST));
        System.out.println("equal " + known.equals(Common.INVALID_HOST) + " " + set.size());
        Common again = Common.fromCode(unknown.getCode());
        System.out.println("unknown " + again.getCode() + " " + again.isKnown());
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
