package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alliancebot/alliancebot/corpus"
)

// articleWith is an article file with a header, a real paragraph and extra.
func articleWith(title, extra string) *fstest.MapFile {
	body := "Title: " + title + "\nOutlet: Test Wire\nPublished: 2024-05-01\n\n" +
		"The Collective Security Treaty Organization held joint exercises near the border this spring.\n\n" +
		extra + "\n\nThe defence ministers agreed on a common plan for air defence.\n"
	return &fstest.MapFile{Data: []byte(body)}
}

// TestLoadKeepsPassagesWithNothingToEmbed: a paragraph of stop words or of
// garbled characters embeds to a zero vector with the built-in embedder; it
// must not stop the load.
func TestLoadKeepsPassagesWithNothingToEmbed(t *testing.T) {
	for _, tc := range []struct{ name, paragraph string }{
		{"stop words", "And so on."},
		{"garbled", "№№ ¤¤ ‡‡ ¶¶ ¬¬"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := corpus.Load(fstest.MapFS{"a.txt": articleWith("Drills", tc.paragraph)})
			if err != nil {
				t.Fatal(err)
			}
			if !hasPassage(c, tc.paragraph) {
				t.Skipf("the corpus package dropped the paragraph %q itself", tc.paragraph)
			}
			e := New(Config{Logger: quietLogger()})
			rep, err := e.Load(context.Background(), c)
			if err != nil {
				t.Fatalf("load failed over one paragraph with nothing to embed: %v", err)
			}
			if rep.Passages != len(c.Passages) || e.Stats().Passages != len(c.Passages) {
				t.Errorf("index has %d passages, want all %d", e.Stats().Passages, len(c.Passages))
			}
			a := e.AnswerWith(context.Background(), "Where were the joint exercises held?", Options{})
			if !a.Found {
				t.Errorf("the article is not answered from after the load: %+v", a)
			}
		})
	}
}

// TestLoadFailsOnlyWhenNothingLoads: a corpus whose every passage has
// nothing to embed still fails, with ErrNoPassages.
func TestLoadFailsWhenNoPassageHasText(t *testing.T) {
	c := &corpus.Corpus{Passages: []corpus.Passage{{ID: "a#1.1", ArticleID: "a", Text: "And so on."}},
		Articles: []corpus.Article{{ID: "a", File: "a.txt", Title: "A"}}}
	e := New(Config{Logger: quietLogger()})
	_, err := e.Load(context.Background(), c)
	if err == nil {
		// Lexical-only is fine as long as something is indexed.
		if e.Stats().Passages != 1 {
			t.Errorf("loaded %d passages", e.Stats().Passages)
		}
		return
	}
	if !errors.Is(err, ErrNoPassages) {
		t.Errorf("err = %v, want ErrNoPassages or a lexical-only index", err)
	}
}

func hasPassage(c *corpus.Corpus, text string) bool {
	for _, p := range c.Passages {
		if strings.Contains(p.Text, text) {
			return true
		}
	}
	return false
}

// TestFirstLoadRemovesTempIndexFiles: the temporary files of an index write
// that a crash interrupted are removed at start.
func TestFirstLoadRemovesTempIndexFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "index.gob.gz")
	stale := []string{path + ".tmp-123", path + ".tmp-abc"}
	for _, name := range stale {
		if err := os.WriteFile(name, []byte("half a file"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, "notes.tmp-1")
	if err := os.WriteFile(other, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Load(fstest.MapFS{"a.txt": articleWith("Drills", "Troops arrived.")})
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{Logger: quietLogger(), IndexPath: path})
	if _, err := e.Load(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", filepath.Base(name), err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file that is not the index's was removed: %v", err)
	}
}
