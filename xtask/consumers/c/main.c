/* Includes the generated header and links the generated source. */
#include "zego_server_return_codes.h"

#include <stdio.h>

int main(void)
{
    const char *message = zego_server_return_codes_common_message(ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST);
    printf("%ld %s\n", (long)ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST, message != NULL ? message : "-");
    printf("%ld %s\n", 999999999L, zego_server_return_codes_common_name(999999999L) != NULL ? "known" : "unknown");
    return 0;
}
