package retrieval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/corpus"
)

// TestVocabularyAblation prints what the lexicon and transliteration add:
// the question sets scored with each switched off. It only reports; run it
// with ALLIANCEBOT_ABLATION=1 go test ./retrieval -run Ablation -v.
func TestVocabularyAblation(t *testing.T) {
	if os.Getenv("ALLIANCEBOT_ABLATION") == "" {
		t.Skip("set ALLIANCEBOT_ABLATION=1 to measure what the lexicon and transliteration add")
	}
	builtIn, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	type questionSet struct {
		file string
		c    *corpus.Corpus
	}
	sets := []questionSet{{"extra.jsonl", builtIn}, {"heldout.jsonl", builtIn}, {"blind.jsonl", builtIn}}
	for _, dir := range []string{"unseen", "unseen2", "unseen3", "unseen4", "unseen6"} {
		sets = append(sets, questionSet{filepath.Join(dir, "tune.jsonl"), unseenCorpus(t, dir)})
	}
	for _, file := range []string{"tune2.jsonl", "tune3.jsonl"} {
		sets = append(sets, questionSet{filepath.Join("unseen", file), sets[3].c})
	}
	for _, variant := range []struct {
		name string
		cfg  Config
	}{
		{"full", Config{}},
		{"no lexicon", Config{NoLexicon: true}},
		{"no transliteration", Config{NoTransliteration: true}},
		{"neither", Config{NoLexicon: true, NoTransliteration: true}},
	} {
		var line []string
		for _, set := range sets {
			cfg := variant.cfg
			cfg.Logger = quietLogger()
			e := New(cfg)
			if _, err := e.Load(context.Background(), set.c); err != nil {
				t.Fatal(err)
			}
			rep := Evaluate(context.Background(), e, readEval(t, set.file))
			s := fmt.Sprintf("%s %d/%d %d/%d", set.file, rep.Hit1, rep.Answerable, rep.Refuse, rep.Unanswerable)
			for _, c := range EvalClasses {
				if got := rep.Classes[c]; strings.Contains(set.file, "unseen") && got.Total > 0 {
					s += fmt.Sprintf(" %s %d/%d", c, got.Right, got.Total)
				}
			}
			line = append(line, s)
		}
		t.Logf("%-18s %s", variant.name, strings.Join(line, " | "))
	}
}
