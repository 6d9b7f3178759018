module github.com/trustelem/zxcvbn

// tvault: a go line, for sync.OnceValue (PATCHES.md).
go 1.21
