package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/alliancebot/alliancebot/retrieval"
)

// runAsk answers one question, or with "-" one question per line of stdin.
func runAsk(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("ask", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per question")
	dir := fl.String("corpus", getenv("CORPUS_DIR"), "folder of articles (default: the built-in articles)")
	words, err := parseInterspersed(fl, args)
	if err != nil {
		return exitUsage
	}
	question := strings.Join(words, " ")
	if len(words) == 0 {
		fmt.Fprintln(stderr, `alliancebot: ask needs a question, e.g. alliancebot ask "Who are the members?" (or - to read questions from standard input)`)
		return exitUsage
	}
	if question == "-" && !*asJSON {
		fmt.Fprintln(stderr, "alliancebot: reading questions from standard input needs --json")
		return exitUsage
	}
	engine, err := loadEngine(ctx, *dir, getenv, stderr)
	if err != nil {
		return exitCodeFor(err, stderr)
	}
	if question != "-" {
		a := engine.Answer(ctx, question)
		if *asJSON {
			return writeJSON(stdout, stderr, a)
		}
		printAnswer(stdout, a)
		return exitOK
	}
	// The machine's cores answer the questions side by side; the answers
	// come out in the questions' order.
	readErr, writeErr := answerBatch(ctx, engine.Answer, stdin, stdout, runtime.GOMAXPROCS(0))
	if writeErr != nil {
		fmt.Fprintf(stderr, "alliancebot: write answer: %v\n", writeErr)
		return exitFailed
	}
	if readErr != nil {
		fmt.Fprintf(stderr, "alliancebot: read questions: %v\n", readErr)
		return exitFailed
	}
	return exitOK
}

// maxLineBytes is how much of one line of standard input is kept: far more
// than any question, so a longer line still gets its "too long" answer.
const maxLineBytes = 64 << 10

// readLines calls fn with each line of r, cut to max bytes, until fn returns
// false or r ends. A line of any length is read; only its start is kept.
func readLines(r io.Reader, max int, fn func(string) bool) error {
	br := bufio.NewReader(r)
	for {
		var line []byte
		for {
			part, isPrefix, err := br.ReadLine()
			if err == io.EOF {
				if len(line) > 0 {
					fn(string(line))
				}
				return nil
			}
			if err != nil {
				return err
			}
			if room := max - len(line); room > 0 {
				line = append(line, part[:min(len(part), room)]...)
			}
			if !isPrefix {
				break
			}
		}
		if !fn(string(line)) {
			return nil
		}
	}
}

func writeJSON(stdout, stderr io.Writer, a retrieval.Answer) int {
	if err := json.NewEncoder(stdout).Encode(a); err != nil {
		fmt.Fprintf(stderr, "alliancebot: write answer: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// printAnswer writes an answer for a person: the quoted sentences, then the
// numbered sources with their snippets.
func printAnswer(w io.Writer, a retrieval.Answer) {
	if !a.Found {
		fmt.Fprintln(w, a.Text)
		return
	}
	if d := a.AsOfText(); d != "" {
		fmt.Fprintf(w, "As of %s: ", d)
	}
	fmt.Fprintf(w, "%s\n\nSources:\n", a.Text)
	for _, c := range a.Citations {
		fmt.Fprintf(w, "[%d] %s\n", c.N, sourceLine(c))
		if len(c.AlsoReportedBy) > 0 {
			var others []string
			for _, r := range c.AlsoReportedBy {
				others = append(others, strings.TrimSuffix(r.Source+", "+r.Published, ", "))
			}
			fmt.Fprintf(w, "    also reported by %s\n", strings.Join(others, "; "))
		}
		fmt.Fprintf(w, "    “%s”\n", c.Snippet)
	}
}

// sourceLine is "title — outlet, date" without the parts that are unknown.
func sourceLine(c retrieval.Citation) string {
	var meta []string
	for _, s := range []string{c.Source, c.Published} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) == 0 {
		return c.Title
	}
	return c.Title + " — " + strings.Join(meta, ", ")
}
