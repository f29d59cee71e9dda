import errcat.codes.zego_server_return_codes.Common;

/** Calls the generated Kotlin classes from Java. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Common known = Common.fromCode(100000000);
        String message = known == null ? null : known.getMessage();
        System.out.println((known == null ? "-" : known.getCode()) + " " + (message == null ? "-" : message));
        System.out.println(999999999 + " " + (Common.fromCode(999999999) == null ? "unknown" : "known"));
    }
}
