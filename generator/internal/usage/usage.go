// Package usage marks the errors that are the command line's fault rather
// than the handbook's: a wrong flag, argument, kind, id or language. The
// generator prints them once and exits with status 2.
package usage

import (
	"errors"
	"fmt"
	"io"
)

// Error is a command line the command cannot run.
type Error struct {
	Err error
	// Help, when set, writes the command's help after the message (as
	// the flag package does after a flag it does not know).
	Help func(w io.Writer)
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a usage error with the formatted message.
func Errorf(format string, a ...any) error { return &Error{Err: fmt.Errorf(format, a...)} }

// As returns the usage error in err's chain, or nil.
func As(err error) *Error {
	var u *Error
	if errors.As(err, &u) {
		return u
	}
	return nil
}
