package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/alliancebot/alliancebot/retrieval"
)

// runEval scores a question file and lists the misses.
func runEval(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("corpus", getenv("CORPUS_DIR"), "folder of articles (default: the built-in articles)")
	with := fl.String("with", "", "another folder of articles to load beside the corpus (e.g. testdata/unseen/articles)")
	files, err := parseInterspersed(fl, args)
	if err != nil {
		return exitUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "alliancebot: eval needs one question file, e.g. alliancebot eval testdata/dev.jsonl")
		return exitUsage
	}
	f, err := os.Open(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot: %v\n", err)
		return exitUsage
	}
	defer f.Close()
	questions, err := retrieval.ReadEvalQuestions(f)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot: %s: %v\n", files[0], err)
		return exitUsage
	}
	engine, err := loadEngine(ctx, *dir, getenv, stderr, *with)
	if err != nil {
		return exitCodeFor(err, stderr)
	}
	rep := retrieval.Evaluate(ctx, engine, questions)
	for _, r := range rep.Results {
		if r.Correct() {
			continue
		}
		q := r.Question
		switch {
		case q.Kind == "none":
			fmt.Fprintf(stdout, "MISS %s (should refuse) %q\n     answered: %s\n", q.ID, q.Q, r.Answer.Text)
		case !r.Answer.Found:
			fmt.Fprintf(stdout, "MISS %s (refused) %q\n", q.ID, q.Q)
		default:
			fmt.Fprintf(stdout, "MISS %s %q (hit@3: %v)\n     answered: %s\n", q.ID, q.Q, r.HitAt3, r.Answer.Text)
		}
	}
	fmt.Fprintf(stdout, "hit@1: %d/%d (%.1f%%)\nhit@3: %d/%d (%.1f%%)\nrefusals: %d/%d (%.1f%%)\n",
		rep.Hit1, rep.Answerable, pct(rep.Hit1, rep.Answerable),
		rep.Hit3, rep.Answerable, pct(rep.Hit3, rep.Answerable),
		rep.Refuse, rep.Unanswerable, pct(rep.Refuse, rep.Unanswerable))
	for _, c := range retrieval.EvalClasses {
		if t := rep.Classes[c]; t.Total > 0 {
			fmt.Fprintf(stdout, "  %-10s %d/%d (%.1f%%)\n", c+":", t.Right, t.Total, 100*t.Share())
		}
	}
	return exitOK
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}
