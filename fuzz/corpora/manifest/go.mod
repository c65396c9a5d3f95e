module github.com/acme/x

go 1.22

require (
	github.com/gin-gonic/gin v1.9.0
	golang.org/x/sys v0.1.0 // indirect
)
require github.com/spf13/cobra v1.8.0
foo bar
