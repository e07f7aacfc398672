package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command with args and returns its exit code and output.
func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

type jsonAnswer struct {
	Question  string `json:"question"`
	Found     bool   `json:"found"`
	Answer    string `json:"answer"`
	Citations []struct {
		N         int     `json:"n"`
		Doc       string  `json:"doc"`
		Title     string  `json:"title"`
		Source    string  `json:"source"`
		Published string  `json:"published"`
		Snippet   string  `json:"snippet"`
		Score     float64 `json:"score"`
	} `json:"citations"`
}

func TestAskPrintsAnswerAndSources(t *testing.T) {
	code, out, errOut := runCLI(t, "", nil, "ask", "Who are the members?")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"Armenia", "Tajikistan", "Sources:", "[1] ", " — "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestAskJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", nil, "ask", "--json", "Which country asked the CSTO for help in January?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var a jsonAnswer
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if !a.Found || !strings.Contains(a.Answer, "Kazakhstan") || len(a.Citations) == 0 || len(a.Citations) > 3 {
		t.Fatalf("answer %+v", a)
	}
	c := a.Citations[0]
	if c.N != 1 || c.Doc == "" || c.Title == "" || c.Snippet == "" || c.Score <= 0 {
		t.Errorf("citation %+v", c)
	}
	if c.Published != "" && len(c.Published) != len("2006-01-02") {
		t.Errorf("published %q is not YYYY-MM-DD", c.Published)
	}
	// The schema has exactly these keys.
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	if len(raw) != 4 {
		t.Errorf("JSON keys %v, want question, found, answer, citations", raw)
	}
}

func TestAskJSONFromStdinKeepsOrder(t *testing.T) {
	in := "Who are the members?\n\nWhat is the capital of France?\n" + strings.Repeat("x", 1001) + "\nКто входит в ОДКБ?\n"
	code, out, _ := runCLI(t, in, nil, "ask", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	wantFound := []bool{true, false, false, false, true}
	if len(lines) != len(wantFound) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(wantFound), out)
	}
	for i, line := range lines {
		var a jsonAnswer
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if a.Found != wantFound[i] {
			t.Errorf("line %d (%q): found %v, want %v", i+1, a.Question, a.Found, wantFound[i])
		}
		if !a.Found && (len(a.Citations) != 0 || a.Answer == "") {
			t.Errorf("line %d: refusal without a message or with citations: %+v", i+1, a)
		}
	}
}

func TestUsageAndConfigurationErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no command", nil, nil, "Usage"},
		{"unknown command", []string{"fly"}, nil, `unknown command "fly"`},
		{"ask without question", []string{"ask"}, nil, "ask needs a question"},
		{"stdin without json", []string{"ask", "-"}, nil, "needs --json"},
		{"missing corpus", []string{"ask", "--corpus", filepath.Join(dir, "nope"), "hi"}, nil, "is not a readable folder"},
		{"corpus from env", []string{"ask", "hi"}, map[string]string{"CORPUS_DIR": file}, "is not a readable folder"},
		{"empty corpus", []string{"ask", "--corpus", dir, "hi"}, nil, "no article text"},
		{"eval without file", []string{"eval"}, nil, "eval needs one question file"},
		{"eval missing file", []string{"eval", filepath.Join(dir, "none.jsonl")}, nil, "no such file"},
		{"eval bad file", []string{"eval", file}, nil, "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tt.env, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q lacks %q", errOut, tt.want)
			}
		})
	}
}

func TestEmptyQuestionIsAnsweredNotAnError(t *testing.T) {
	code, out, _ := runCLI(t, "", nil, "ask", "--json", "  ")
	var a jsonAnswer
	if err := json.Unmarshal([]byte(out), &a); err != nil || code != 0 || a.Found || a.Answer == "" {
		t.Errorf("exit %d, answer %+v, err %v", code, a, err)
	}
}

func TestEvalScoresTheSample(t *testing.T) {
	code, out, errOut := runCLI(t, "", nil, "eval", filepath.Join("..", "..", "testdata", "dev.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"hit@1: 10/10", "hit@3: 10/10", "refusals: 3/3"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestCorpusFolderWithBadFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Good\n\nKazakhstan asked the CSTO for help in January."), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("\xff\xfe broken"), 0o644)
	code, out, errOut := runCLI(t, "", nil, "ask", "--corpus", dir, "Which country asked the CSTO for help?")
	if code != 0 || !strings.Contains(out, "Kazakhstan") {
		t.Errorf("exit %d, output %q", code, out)
	}
	if !strings.Contains(errOut, "bad.txt") {
		t.Errorf("stderr %q does not name the bad file", errOut)
	}
}

func TestFlagsMayFollowTheQuestion(t *testing.T) {
	code, out, _ := runCLI(t, "", nil, "ask", "Who are the members?", "--json")
	var a jsonAnswer
	if err := json.Unmarshal([]byte(out), &a); err != nil || code != 0 {
		t.Fatalf("exit %d, output %q: %v", code, out, err)
	}
	if a.Question != "Who are the members?" || !a.Found {
		t.Errorf("the flag was taken as part of the question: %+v", a)
	}
	code, out, _ = runCLI(t, "", nil, "ask", "--", "--json")
	if code != 0 || strings.Contains(out, "{") {
		t.Errorf("after -- a flag-like word is the question; exit %d, output %q", code, out)
	}
}

func TestVeryLongStdinLineIsAnsweredNotFatal(t *testing.T) {
	in := "Who are the members?\n" + strings.Repeat("x", 2<<20) + "\nКто входит в ОДКБ?"
	code, out, errOut := runCLI(t, in, nil, "ask", "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d answers, want 3 (the long line refused, the last one without a newline answered)", len(lines))
	}
	var long, last jsonAnswer
	json.Unmarshal([]byte(lines[1]), &long)
	json.Unmarshal([]byte(lines[2]), &last)
	if long.Found || !strings.Contains(long.Answer, "too long") || !last.Found {
		t.Errorf("long line: %+v; last line found %v", long.Answer, last.Found)
	}
}

func TestHumanOutputQuotesSnippetsVerbatim(t *testing.T) {
	_, out, _ := runCLI(t, "", nil, "ask", "What did Putin say about the CSTO's results?")
	if strings.Contains(out, `\"`) || !strings.Contains(out, `“Putin maintained on Wednesday that the CSTO's work does bring about "visible practical results"`) {
		t.Errorf("snippets are escaped instead of quoted as written:\n%s", out)
	}
}
