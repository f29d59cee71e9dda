/* A program that includes the generated headers, links the generated
 * library and prints what its code contract promises. */
#include "rtc_vendor_error_codes.h"
#include "zego_server_return_codes.h"

#include <stdio.h>
#include <stdlib.h>

static int by_code(const void *left, const void *right)
{
    long a = *(const long *)left;
    long b = *(const long *)right;
    return (a > b) - (a < b);
}

static const char *yes_no(int value)
{
    return value ? "true" : "false";
}

int main(void)
{
    const long known = 100000000L;
    const long unknown = 999999999L;
    const char *message = zego_server_return_codes_common_message(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST);
    char text[512];
    printf("%ld %s\n", (long)ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, message != NULL ? message : "-");
    printf("%ld %s\n", unknown, zego_server_return_codes_common_name(unknown) != NULL ? "known" : "unknown");
    {
        struct errcat_texts texts;
        if (zego_server_return_codes_common_texts_in(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, "en", &texts)) {
            printf("%s %s\n", texts.locale, texts.message != NULL ? texts.message : "-");
        }
        if (rtc_vendor_error_codes_error_code_texts_in(0, "en", &texts)) {
            printf("%s %s\n", texts.locale, texts.message != NULL ? texts.message : "-");
        }
    }

    /* A code is the plain integer: equal values are one value. */
    printf("equal %s %d\n", yes_no(known == ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST),
           known == ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST ? 1 : 2);
    printf("unknown %ld %s\n", unknown, yes_no(zego_server_return_codes_common_is_known(unknown)));
    {
        long codes[3];
        codes[0] = unknown;
        codes[1] = 100000001L;
        codes[2] = ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST;
        qsort(codes, 3, sizeof codes[0], by_code);
        printf("order %ld %ld %ld\n", codes[0], codes[1], codes[2]);
    }
    printf("json [%ld,%ld]\n", (long)ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, unknown);
    zego_server_return_codes_common_display(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, NULL, text, sizeof text);
    printf("display %s\n", text);
    zego_server_return_codes_common_display(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, "en", text, sizeof text);
    printf("display en %s\n", text);
    zego_server_return_codes_common_display(unknown, NULL, text, sizeof text);
    printf("display %s\n", text);
    printf("success %s %s\n", yes_no(rtc_vendor_error_codes_error_code_is_success(0)),
           yes_no(zego_server_return_codes_common_is_success(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST)));
    return 0;
}
