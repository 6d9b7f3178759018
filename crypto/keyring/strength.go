package keyring

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// MinStrength is the zxcvbn score (0 to 4) that CheckStrength requires: 4,
// zxcvbn's top band, an estimate of at least 10^10 guesses. The keyring's
// scrypt makes a guess cost about half a second of a core and 256 MiB, so
// 10^10 guesses is some 150 core-years; score 3 starts at 10^8, which a
// state adversary's cluster of ten thousand cores tries in under two hours
// against a seized disk. Four random words, or eleven random characters,
// reach 4; two common words do not.
const MinStrength = 4

// maxEstimated bounds the bytes zxcvbn looks at: its matching grows faster
// than linearly with the length, and more text never makes a passphrase
// weaker, so judging the start alone errs on the strict side only.
const maxEstimated = 100

// ErrWeakPassphrase is wrapped by the error of CheckStrength for a
// passphrase rated below MinStrength.
var ErrWeakPassphrase = errors.New("passphrase is too weak")

// CheckStrength rates passphrase with zxcvbn (a strength estimator that
// knows common passwords, words, names, dates, keyboard patterns and
// repetition) and returns an error wrapping ErrWeakPassphrase if it rates
// below MinStrength. A passphrase that is not valid UTF-8 rates 0.
func CheckStrength(passphrase string) error {
	p := passphrase
	if len(p) > maxEstimated {
		p = p[:maxEstimated]
		for !utf8.ValidString(p) && len(p) > maxEstimated-utf8.UTFMax {
			p = p[:len(p)-1]
		}
	}
	if score := zxcvbn.PasswordStrength(p, nil).Score; score < MinStrength {
		return fmt.Errorf("%w: it rates %d of 4 on the zxcvbn estimator, and %d is required", ErrWeakPassphrase, score, MinStrength)
	}
	return nil
}
