/* Includes the generated header and links the generated source. */
#include "rtc_vendor_error_codes.h"
#include "zego_server_return_codes.h"

#include <stdio.h>

int main(void)
{
    const char *message = zego_server_return_codes_common_message(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST);
    printf("%ld %s\n", (long)ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, message != NULL ? message : "-");
    printf("%ld %s\n", 999999999L, zego_server_return_codes_common_name(999999999L) != NULL ? "known" : "unknown");
    {
        struct errcat_texts texts;
        if (zego_server_return_codes_common_texts_in(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, "en", &texts)) {
            printf("%s %s\n", texts.locale, texts.message != NULL ? texts.message : "-");
        }
        if (rtc_vendor_error_codes_error_code_texts_in(0, "en", &texts)) {
            printf("%s %s\n", texts.locale, texts.message != NULL ? texts.message : "-");
        }
    }
    return 0;
}
