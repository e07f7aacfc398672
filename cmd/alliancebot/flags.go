package main

import "flag"

// parseInterspersed parses the flags of fl wherever they stand among args,
// so that `ask "Who are the members?" --json` works like `ask --json "Who
// are the members?"`, and returns the other arguments in order. After "--"
// every argument is taken as it is.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var words, tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return append(words, tail...), nil
		}
		words = append(words, args[0])
		args = args[1:]
	}
}
