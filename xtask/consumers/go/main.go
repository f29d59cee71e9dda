// A program that depends on the generated Go module (through a replace
// directive in go.mod) and prints what its code contract promises.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"errcat.local/codes/rtcvendorerrorcodes"
	"errcat.local/codes/zegoserverreturncodes"
)

// check fails the way a Go function does: with the code as an error.
func check() error {
	return zegoserverreturncodes.CommonInvalidHost.Err()
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

	set := map[zegoserverreturncodes.Common]bool{known: true, zegoserverreturncodes.CommonInvalidHost: true}
	fmt.Println("equal", known == zegoserverreturncodes.CommonInvalidHost, len(set))
	again := zegoserverreturncodes.Common(int64(unknown))
	fmt.Println("unknown", int64(again), again.Known())
	sorted := []zegoserverreturncodes.Common{unknown, zegoserverreturncodes.Common(100000001), zegoserverreturncodes.CommonInvalidHost}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	fmt.Println("order", int64(sorted[0]), int64(sorted[1]), int64(sorted[2]))
	encoded, err := json.Marshal([]zegoserverreturncodes.Common{zegoserverreturncodes.CommonInvalidHost, unknown})
	if err != nil {
		panic(err)
	}
	fmt.Println("json", string(encoded))
	fmt.Println("display", zegoserverreturncodes.CommonInvalidHost)
	fmt.Println("display", "en", zegoserverreturncodes.CommonInvalidHost.DisplayIn("en"))
	fmt.Println("display", unknown)
	fmt.Println("success", rtcvendorerrorcodes.ErrorCode(0).IsSuccess(), zegoserverreturncodes.CommonInvalidHost.IsSuccess())

	success := "not nil"
	if rtcvendorerrorcodes.ErrorCode(0).Err() == nil {
		success = "nil"
	}
	var code zegoserverreturncodes.Common
	if err := check(); errors.As(err, &code) {
		fmt.Println("err", success, err)
	}
}
