module errcat.local/consumer

go 1.19

require errcat.local/codes v0.0.0

replace errcat.local/codes => ../../../generated/go
