package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/diag"
	"github.com/product-roles/handbook/generator/internal/layout"
	"github.com/product-roles/handbook/generator/internal/pipeline"
	"github.com/product-roles/handbook/generator/internal/usage"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // content or build errors
	exitUsage = 2
)

// A Command is one subcommand: its help, its flags and what it runs. The
// table in commands() is the only list of them; the help is made from it.
type Command struct {
	Name  string // what follows `go run ./generator`
	Args  string // the arguments in the usage line, e.g. "<kind> <id>"; "" for none
	Short string // one line for the list of commands
	Long  string // the paragraph of `<command> --help`
	// Hidden keeps a command out of the list (bench-run, which bench starts).
	Hidden bool
	// Bind defines the command's flags on fs and returns the function that
	// runs it with the arguments left after the flags (none unless Args
	// names some). Flags may stand before or after the arguments. Every
	// flag binds with fs.XxxVar straight to where the command reads it: the
	// folder flags to a layout.Flags (folderFlags), the others to a field of
	// the value the command passes on (pipeline.Options, serve.Config,
	// bench.Config, synth.Options) or to the command's own flags. Run copies
	// no parsed flag: it only resolves the layout from the folders.
	Bind func(fs *flag.FlagSet) Run
}

// Run runs a command. It prints its results and returns an error to fail:
// a *usage.Error exits 2, any other error 1 (a *failure printed as it is,
// others after "generator <command>: ").
type Run func(ctx context.Context, e *env, args []string) error

// env is what a command may touch: its output streams and the environment.
// self is the generator as the user ran it ("go run ./generator", or the
// path of a built binary), for the usage lines and the next steps it names.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	self           string
}

// invocation is how the user ran the generator, from the program's path:
// `go run` runs a binary in Go's temporary build folder.
func invocation(arg0 string) string {
	if arg0 == "" || strings.Contains(filepath.ToSlash(arg0), "/go-build") || strings.HasSuffix(arg0, ".test") {
		return "go run ./generator"
	}
	return arg0
}

// commands is the table of commands, in the order the help lists them.
func commands() []*Command {
	return []*Command{
		buildCmd(), serveCmd(), checkCmd(), newCmd(), initCmd(), overrideCmd(), overridesCmd(),
		translationsCmd(), upstreamChangesCmd(), releaseCmd(), synthCmd(), benchCmd(), benchRunCmd(), versionCmd(),
	}
}

// helpText is the top-level help, made from the table.
func helpText(self string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s <command> [flags]\n\nCommands:\n", self)
	for _, c := range commands() {
		if !c.Hidden {
			fmt.Fprintf(&b, "  %-*s%s\n", max(10, len(c.Name)+2), c.Name, c.Short)
		}
	}
	fmt.Fprintf(&b, "\nRun \"%s <command> --help\" (or \"%[1]s help <command>\") for a command's flags.\n"+
		"Exit status: 0 ok, 1 content or build errors, 2 usage errors.\n", self)
	return b.String()
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdout: stdout, stderr: stderr, getenv: getenv, self: invocation(os.Args[0])}
	if len(args) == 0 {
		fmt.Fprint(stderr, helpText(e.self))
		return exitUsage
	}
	if args[0] == "help" && len(args) > 1 { // help <command> is <command> --help
		args = []string{args[1], "--help"}
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, helpText(e.self))
		return exitOK
	}
	for _, c := range commands() {
		if c.Name == args[0] {
			return c.exit(e, c.execute(ctx, e, args[1:]))
		}
	}
	fmt.Fprintf(stderr, "generator: unknown command %q\n\n%s", args[0], helpText(e.self))
	return exitUsage
}

// usageLine is the command as its help shows it.
func (c *Command) usageLine() string {
	return strings.TrimSpace(c.Name + " " + c.Args)
}

// printHelp writes `<command> --help`.
func (c *Command) printHelp(w io.Writer, self string, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: %s %s [flags]\n\n%s\n\nFlags:\n", self, c.usageLine(), c.Long)
	printFlags(w, fs)
}

// printFlags lists a command's flags as users type them: two dashes, an
// argument named for what it takes (--out DIR), none for a switch.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		line, usage := "  --"+f.Name, f.Usage
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
			arg := argName(f)
			line += " " + arg
			switch {
			case f.DefValue == "" || f.DefValue == "0":
			case arg == "N" || arg == "PORT":
				usage += " (default " + f.DefValue + ")"
			default:
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			}
		}
		usage = strings.ReplaceAll(usage, "`", "") // Go's flag package would take `x` for the argument's name
		fmt.Fprintf(w, "%s\n      %s\n", line, strings.ReplaceAll(usage, "\n", "\n      "))
	})
}

// argName names a flag's argument in help: what the user types after it.
func argName(f *flag.Flag) string {
	switch f.Name {
	case "project", "source", "overlay", "out":
		return "DIR"
	case "base-url", "preview-url":
		return "URL"
	case "cpuprofile", "memprofile", "summary":
		return "FILE"
	case "base", "upstream":
		return "REF"
	case "from", "to":
		return "REVISION"
	case "check":
		return "VERSION"
	case "bind":
		return "ADDRESS"
	case "port":
		return "PORT"
	case "org":
		return "NAME"
	case "lang":
		return "TAG"
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if _, isInt := g.Get().(int); isInt {
			return "N"
		}
	}
	return strings.ToUpper(f.Name)
}

// execute parses the command's flags and runs it: the one argument parser.
func (c *Command) execute(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by exit
	fs.Usage = func() {}
	runCmd := c.Bind(fs)
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" || a == "--h" {
			c.printHelp(e.stdout, e.self, fs)
			return nil
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return &usage.Error{Err: dashes(err), Help: func(w io.Writer) { c.printHelp(w, e.self, fs) }}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...) // after "--", everything is an argument
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if c.Args == "" && len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return runCmd(ctx, e, pos)
}

func usagef(format string, a ...any) error { return usage.Errorf(format, a...) }

// failure is an error printed as it is, with exit status 1; nothing is
// printed when msg is empty, because the command already said why.
type failure struct{ msg string }

func (f *failure) Error() string { return f.msg }

func failed(format string, a ...any) error { return &failure{msg: fmt.Sprintf(format, a...)} }

// silent fails with status 1 after the command printed why on its own.
var silent = &failure{}

// exit prints a command's error, once, and returns the exit status.
func (c *Command) exit(e *env, err error) int {
	u := usage.As(err)
	var f *failure
	switch {
	case err == nil:
		return exitOK
	case u != nil && u.Help != nil:
		fmt.Fprintf(e.stderr, "generator %s: %v\n\n", c.Name, u.Err)
		u.Help(e.stderr)
		return exitUsage
	case u != nil:
		fmt.Fprintf(e.stderr, "generator %s: %v\n", c.Name, u.Err)
		return exitUsage
	case errors.As(err, &f):
		if f.msg != "" {
			fmt.Fprintln(e.stderr, f.msg)
		}
		return exitError
	}
	fmt.Fprintf(e.stderr, "generator %s: %v\n", c.Name, err)
	return exitError
}

// folderFlags defines the flags that place the project's folders.
func folderFlags(fs *flag.FlagSet) *layout.Flags {
	var f layout.Flags
	fs.StringVar(&f.Project, "project", ".", "the project folder (handbook.toml, themes/, static/)")
	fs.StringVar(&f.Source, "source", "", "the content root (default <project>/content)")
	fs.StringVar(&f.Overlay, "overlay", "", "a company overlay folder (default <project>/company when it exists)")
	return &f
}

// buildOptions are the pipeline's options for the command's layout.
func buildOptions(l layout.Layout) pipeline.Options {
	return pipeline.Options{Layout: l}
}

// checkedHandbook loads and validates the handbook for a command that needs
// it valid; when it is not, it prints the errors and fails.
func checkedHandbook(e *env, l layout.Layout, command string) (*pipeline.Checked, error) {
	b, err := pipeline.New()
	if err != nil {
		return nil, failed("generator %s: %v", command, err)
	}
	rep := &pipeline.Report{}
	c, err := b.Check(buildOptions(l), rep)
	if err != nil {
		_ = diag.Write(e.stderr, rep.Diags, "human")
		return nil, failed("generator %s: fix these errors first", command)
	}
	return c, nil
}

// dashes writes the flag a parse error names as users type it: "flag
// provided but not defined: --nope", not "-nope".
func dashes(err error) error {
	msg := err.Error()
	for _, at := range []string{"defined: -", "argument: -", "flag -", "syntax: -"} {
		msg = strings.Replace(msg, at, at+"-", 1)
	}
	return errors.New(msg)
}
