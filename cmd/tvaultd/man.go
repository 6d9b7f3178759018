package main

import (
	"github.com/tvault/tvault/internal/buildinfo"
	"github.com/tvault/tvault/internal/envvars"
	"github.com/tvault/tvault/internal/manpage"
)

// manPage returns tvaultd(8), from the usage that -h prints.
func manPage() *manpage.Page {
	return &manpage.Page{
		Name:    "tvaultd",
		Section: 8,
		Version: buildinfo.Read().Version,
		Summary: "serve a tvault vault to its users over a unix socket or HTTPS",
		Usage:   usage,
		Env:     envvars.For("tvaultd"),
		SeeAlso: []string{"tvault(1)", "systemd.exec(5)"},
	}
}
