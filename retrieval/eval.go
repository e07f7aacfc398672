package retrieval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// EvalQuestion is one line of an evaluation file: a question, whether the
// articles answer it ("answer") or not ("none"), and the keyword groups a
// correct answer contains (one keyword of each group).
type EvalQuestion struct {
	ID     string     `json:"id"`
	Lang   string     `json:"lang"`
	Kind   string     `json:"kind"`
	Q      string     `json:"q"`
	Groups [][]string `json:"groups"`
	// Class is "furniture" for a "none" question whose answer only page
	// furniture (comments, teasers, ads, tickers) holds.
	Class string `json:"class,omitempty"`
	// Newest marks a question about the present state of something that
	// changed over time: the groups hold the newest fact, and Not the
	// words of outdated ones, which the answer text must not contain.
	Newest bool     `json:"newest,omitempty"`
	Not    []string `json:"not,omitempty"`
}

// Eval classes, as EvalReport.Classes keys them.
const (
	ClassEnglish   = "english"
	ClassRussian   = "russian"
	ClassRefusals  = "refusals"
	ClassFurniture = "furniture"
	ClassNewest    = "newest"
)

// EvalClasses lists the classes in the order reports print them.
var EvalClasses = []string{ClassEnglish, ClassRussian, ClassRefusals, ClassFurniture, ClassNewest}

// classes returns the classes a question counts in: its language for an
// answerable question, refusals or furniture for an unanswerable one, and
// newest besides when it asks for the newest fact.
func (q EvalQuestion) classes() []string {
	var out []string
	switch {
	case q.Kind == "none" && q.Class == "furniture":
		out = append(out, ClassFurniture)
	case q.Kind == "none":
		out = append(out, ClassRefusals)
	case q.Lang == "ru":
		out = append(out, ClassRussian)
	default:
		out = append(out, ClassEnglish)
	}
	if q.Newest {
		out = append(out, ClassNewest)
	}
	return out
}

// Tally counts the right answers of one class.
type Tally struct{ Right, Total int }

// Share is Right/Total, or 0 for an empty tally.
func (t Tally) Share() float64 {
	if t.Total == 0 {
		return 0
	}
	return float64(t.Right) / float64(t.Total)
}

// ReadEvalQuestions reads an evaluation file in JSON lines.
func ReadEvalQuestions(r io.Reader) ([]EvalQuestion, error) {
	var out []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if q.Kind != "answer" && q.Kind != "none" {
			return nil, fmt.Errorf("line %d: kind %q is neither answer nor none", n, q.Kind)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// EvalResult is how the engine did on one question.
type EvalResult struct {
	Question EvalQuestion
	Answer   Answer
	// HitAt1 and HitAt3: every keyword group is found in the answer plus
	// the first one or three snippets. Refused: a "none" question was
	// answered with Found false.
	HitAt1, HitAt3, Refused bool
}

// Correct reports whether the result counts as right: a hit at 1 for an
// "answer" question, a refusal for a "none" question.
func (r EvalResult) Correct() bool {
	if r.Question.Kind == "none" {
		return r.Refused
	}
	return r.HitAt1
}

// EvalReport sums up an evaluation run.
type EvalReport struct {
	Results              []EvalResult
	Answerable, Hit1     int
	Hit3                 int
	Unanswerable, Refuse int
	// Classes tallies the right answers per class (see EvalClasses).
	Classes map[string]Tally
}

// Evaluate asks every question and scores the answers.
func Evaluate(ctx context.Context, e *Engine, questions []EvalQuestion) EvalReport {
	rep := EvalReport{Classes: map[string]Tally{}}
	for _, q := range questions {
		a := e.Answer(ctx, q.Q)
		r := EvalResult{Question: q, Answer: a}
		if q.Kind == "none" {
			rep.Unanswerable++
			r.Refused = !a.Found
			if r.Refused {
				rep.Refuse++
			}
		} else {
			rep.Answerable++
			stale := containsAny(strings.ToLower(a.Text), q.Not)
			r.HitAt1 = a.Found && !stale && containsGroups(evidence(a, 1), q.Groups)
			r.HitAt3 = a.Found && !stale && containsGroups(evidence(a, 3), q.Groups)
			if r.HitAt1 {
				rep.Hit1++
			}
			if r.HitAt3 {
				rep.Hit3++
			}
		}
		for _, c := range q.classes() {
			t := rep.Classes[c]
			t.Total++
			if r.Correct() {
				t.Right++
			}
			rep.Classes[c] = t
		}
		rep.Results = append(rep.Results, r)
	}
	return rep
}

func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// evidence is the answer text and the first k snippets, lower-cased.
func evidence(a Answer, k int) string {
	parts := []string{a.Text}
	for i := 0; i < k && i < len(a.Citations); i++ {
		parts = append(parts, a.Citations[i].Snippet)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

func containsGroups(text string, groups [][]string) bool {
	for _, g := range groups {
		found := false
		for _, kw := range g {
			if strings.Contains(text, strings.ToLower(kw)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
