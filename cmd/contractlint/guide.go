package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// usageError is a mistake on the command line: one line, exit 2, no help
// dump.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// guide makes every command of app answer mistakes with one line and a
// suggestion: an unknown command or flag names the nearest real one, a
// missing required flag names itself, and nothing prints the whole help.
func guide(app *cli.App) {
	app.Action = unknownCommand(nil, app.Commands)
	app.OnUsageError = flagError(nil, app.Flags, app.Commands)
	for _, cmd := range app.Commands {
		guideCommand(nil, cmd, app.Commands)
	}
}

func guideCommand(parents []string, cmd *cli.Command, top []*cli.Command) {
	path := append(slices.Clone(parents), cmd.Name)
	cmd.OnUsageError = flagError(path, cmd.Flags, top)
	if len(cmd.Subcommands) > 0 && cmd.Action == nil {
		cmd.Action = unknownCommand(path, cmd.Subcommands)
	}
	// urfave/cli prints the whole help before a missing required flag;
	// check them ourselves, after parsing, in one line.
	var required []string
	for _, f := range cmd.Flags {
		if r, ok := f.(cli.RequiredFlag); ok && r.IsRequired() {
			name := f.Names()[0]
			required = append(required, name)
			unrequire(f)
		}
	}
	if len(required) > 0 {
		before := cmd.Before
		cmd.Before = func(c *cli.Context) error {
			var missing []string
			for _, name := range required {
				if !c.IsSet(name) {
					missing = append(missing, "--"+name)
				}
			}
			if len(missing) > 0 {
				return &usageError{fmt.Sprintf("%s needs %s (see %s --help)", strings.Join(path, " "), strings.Join(missing, ", "), cmdLine(path))}
			}
			if before != nil {
				return before(c)
			}
			return nil
		}
	}
	for _, sub := range cmd.Subcommands {
		guideCommand(path, sub, top)
	}
}

// unrequire clears a flag's Required field, keeping it in the help text.
func unrequire(f cli.Flag) {
	switch f := f.(type) {
	case *cli.StringFlag:
		f.Required = false
		f.Usage += " (required)"
	case *cli.StringSliceFlag:
		f.Required = false
		f.Usage += " (required)"
	case *cli.BoolFlag:
		f.Required = false
		f.Usage += " (required)"
	}
}

func cmdLine(path []string) string {
	return strings.Join(append([]string{"contractlint"}, path...), " ")
}

// unknownCommand is the action of a command that only has subcommands: no
// argument shows its help, anything else is an unknown command.
func unknownCommand(path []string, cmds []*cli.Command) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() == 0 {
			if len(path) == 0 {
				return cli.ShowAppHelp(c)
			}
			return cli.ShowSubcommandHelp(c)
		}
		name := c.Args().First()
		var names []string
		for _, cmd := range cmds {
			if !cmd.Hidden {
				names = append(names, cmd.Name)
			}
		}
		msg := fmt.Sprintf("unknown command %q", strings.Join(append(slices.Clone(path), name), " "))
		if s := nearest(name, cmds); s != "" {
			return &usageError{fmt.Sprintf("%s; did you mean %q? (%s --help lists the commands)", msg, strings.Join(append(slices.Clone(path), s), " "), cmdLine(path))}
		}
		// A subcommand of another command: contractlint verify → matrix verify.
		if len(path) == 0 {
			for _, cmd := range cmds {
				if s := exact(name, cmd.Subcommands); s != "" {
					return &usageError{fmt.Sprintf("%s; did you mean \"%s %s\"?", msg, cmd.Name, s)}
				}
			}
		}
		return &usageError{fmt.Sprintf("%s; did you mean one of %s? (%s --help says what each does)", msg, strings.Join(names, ", "), cmdLine(path))}
	}
}

// flagError turns urfave/cli's flag parsing errors into one line with the
// nearest flag name.
func flagError(path []string, flags []cli.Flag, top []*cli.Command) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, _ bool) error {
		where := cmdLine(path)
		prefix := strings.Join(path, " ") + ": "
		if len(path) == 0 {
			prefix = ""
		}
		msg := err.Error()
		const undefined = "flag provided but not defined: "
		if rest, ok := strings.CutPrefix(msg, undefined); ok {
			name := strings.TrimLeft(rest, "-")
			out := fmt.Sprintf("%sunknown flag %s", prefix, dashed(name))
			if s := nearestFlag(name, flags); s != "" {
				return &usageError{fmt.Sprintf("%s; did you mean %s? (%s --help lists the flags)", out, dashed(s), where)}
			}
			if len(path) == 0 {
				// A command's flag given before the command.
				for _, cmd := range top {
					for _, f := range cmd.Flags {
						if slices.Contains(f.Names(), name) {
							return &usageError{fmt.Sprintf("%s; flags come after the command: did you mean \"contractlint %s %s\"?", out, cmd.Name, dashed(name))}
						}
					}
				}
			}
			return &usageError{fmt.Sprintf("%s (%s --help lists the flags)", out, where)}
		}
		// "flag needs an argument: -format", "invalid value ... for flag -x".
		msg = strings.NewReplacer("flag: -", "flag --", "argument: -", "argument: --").Replace(msg)
		return &usageError{fmt.Sprintf("%s%s (%s --help)", prefix, msg, where)}
	}
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// exact returns the name of the command in cmds called name, if any.
func exact(name string, cmds []*cli.Command) string {
	for _, cmd := range cmds {
		if !cmd.Hidden && cmd.HasName(name) {
			return cmd.Name
		}
	}
	return ""
}

// nearest returns the command whose name (or alias) is closest to name, or
// "" when none is close enough to be a typo.
func nearest(name string, cmds []*cli.Command) string {
	var cands []string
	owner := map[string]string{}
	for _, cmd := range cmds {
		if cmd.Hidden {
			continue
		}
		for _, n := range cmd.Names() {
			cands = append(cands, n)
			owner[n] = cmd.Name
		}
	}
	return owner[closest(name, cands)]
}

func nearestFlag(name string, flags []cli.Flag) string {
	var cands []string
	for _, f := range flags {
		cands = append(cands, f.Names()...)
	}
	return closest(name, cands)
}

// closest returns the candidate within typo distance of name (a prefix
// counts), preferring the smallest distance and then the first listed.
func closest(name string, cands []string) string {
	best, bestD := "", -1
	for _, c := range cands {
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if len(name) >= 3 && strings.HasPrefix(c, name) {
			d = min(d, 1)
		}
		limit := max(1, min(len(name), len(c))/3)
		if d > limit {
			continue
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance:
// insertions, deletions, substitutions and adjacent transpositions.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
