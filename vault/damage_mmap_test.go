//go:build unix

package vault

import "github.com/tvault/tvault/internal/dirimage"

func init() { flipMapped = dirimage.FlipMapped }
