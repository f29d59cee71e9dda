package main

import (
	"errors"
	"fmt"

	"errcat.local/codes/rtcvendorerrorcodes"
	"errcat.local/codes/zegoserverreturncodes"
)

func check() error {
	return zegoserverreturncodes.CommonInvalidHost
}

func main() {
	known := zegoserverreturncodes.Common(100000000)
	if doc, ok := known.Doc(); ok && doc.Message != nil {
		fmt.Println(int64(known), *doc.Message)
	}
	unknown := zegoserverreturncodes.Common(999999999)
	if unknown.Known() {
		fmt.Println(int64(unknown), "known")
	} else {
		fmt.Println(int64(unknown), "unknown")
	}
	if doc, locale, ok := known.DocIn("en"); ok && doc.Message != nil {
		fmt.Println(locale, *doc.Message)
	}
	if doc, locale, ok := rtcvendorerrorcodes.ErrorCode(0).DocIn("en"); ok && doc.Message != nil {
		fmt.Println(locale, *doc.Message)
	}
	var code zegoserverreturncodes.Common
	if err := check(); errors.As(err, &code) {
		fmt.Println(err)
	}
}
