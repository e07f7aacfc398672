package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// stampRecorder is a StampCache that remembers every article it was given
// and counts how it was asked.
type stampRecorder struct {
	mu                sync.Mutex
	articles          map[string]Article
	passages          map[string][]Passage
	byStamp, byDigest int
}

func (r *stampRecorder) remember(c *Corpus) {
	r.articles, r.passages = map[string]Article{}, map[string][]Passage{}
	for _, a := range c.Articles {
		r.articles[a.File] = a
	}
	for _, p := range c.Passages {
		r.passages[p.ArticleID] = append(r.passages[p.ArticleID], p)
	}
}

func (r *stampRecorder) CachedArticle(name, digest string) (Article, []Passage, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.articles[name]
	if !ok || a.Digest != digest {
		return Article{}, nil, false
	}
	r.byDigest++
	return a, r.passages[a.ID], true
}

func (r *stampRecorder) CachedArticleByStamp(name string, stamp FileStamp) (Article, []Passage, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.articles[name]
	if !ok || a.Stamp != stamp {
		return Article{}, nil, false
	}
	r.byStamp++
	return a, r.passages[a.ID], true
}

// TestLoadCachedTrustsOldStamps checks that a file whose size and
// modification time have not changed is taken from the cache by its stamp,
// that a file touched or modified just now is read and digested, and that a
// file rewritten to the same size is read again.
func TestLoadCachedTrustsOldStamps(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	text := "Ministers met in Minsk on Tuesday to discuss joint exercises and border security."
	tests := []struct {
		name              string
		change            func(f *fstest.MapFile)
		byStamp, byDigest int
		wantText          string
	}{
		{"unchanged", func(*fstest.MapFile) {}, 1, 0, text},
		{"touched long ago", func(f *fstest.MapFile) { f.ModTime = old.Add(time.Minute) }, 0, 1, text},
		{"touched just now", func(f *fstest.MapFile) { f.ModTime = time.Now() }, 0, 1, text},
		{"same size, other text", func(f *fstest.MapFile) {
			f.Data = []byte("Ministers met in Minsk on Tuesday to discuss joint exercises and border stability.")
			f.ModTime = old.Add(time.Minute)
		}, 0, 0, "Ministers met in Minsk on Tuesday to discuss joint exercises and border stability."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"a.txt": {Data: []byte(text), ModTime: old}}
			first, err := Load(fsys)
			if err != nil || len(first.Articles) != 1 {
				t.Fatalf("load: %v, %d articles", err, len(first.Articles))
			}
			if want := (FileStamp{Size: int64(len(text)), ModTime: old.UnixNano()}); first.Articles[0].Stamp != want {
				t.Fatalf("stamp %+v, want %+v", first.Articles[0].Stamp, want)
			}
			cache := &stampRecorder{}
			cache.remember(first)
			tt.change(fsys["a.txt"])
			again, err := LoadCached(fsys, cache)
			if err != nil || len(again.Articles) != 1 {
				t.Fatalf("load again: %v, %d articles", err, len(again.Articles))
			}
			if cache.byStamp != tt.byStamp || cache.byDigest != tt.byDigest {
				t.Errorf("taken by stamp %d, by digest %d times; want %d and %d", cache.byStamp, cache.byDigest, tt.byStamp, tt.byDigest)
			}
			if got := again.Articles[0].Text; got != tt.wantText {
				t.Errorf("text %q, want %q", got, tt.wantText)
			}
			if f := fsys["a.txt"]; time.Since(f.ModTime) > stampMargin && again.Articles[0].Stamp.ModTime != f.ModTime.UnixNano() {
				t.Errorf("stamp %+v, file modified %v", again.Articles[0].Stamp, f.ModTime)
			}
			if f := fsys["a.txt"]; time.Since(f.ModTime) <= stampMargin && again.Articles[0].Stamp != (FileStamp{}) {
				t.Errorf("a file modified just now has stamp %+v", again.Articles[0].Stamp)
			}
		})
	}
}

// TestStampOfRealFiles checks, on a real folder, that a file whose
// modification time is set back after a rewrite of the same size is read
// again where the system keeps status change times.
func TestStampOfRealFiles(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.txt")
	old := time.Now().Add(-time.Hour)
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, old, old); err != nil {
			t.Fatal(err)
		}
	}
	write("Ministers met in Minsk on Tuesday to discuss border security.")
	first, err := Load(os.DirFS(dir))
	if err != nil || len(first.Articles) != 1 {
		t.Fatalf("load: %v", err)
	}
	if first.Articles[0].Stamp.ModTime != old.UnixNano() {
		t.Fatalf("stamp %+v, modified %v", first.Articles[0].Stamp, old)
	}
	cache := &stampRecorder{}
	cache.remember(first)
	if _, err := LoadCached(os.DirFS(dir), cache); err != nil || cache.byStamp != 1 {
		t.Fatalf("unchanged file: taken by stamp %d times, err %v", cache.byStamp, err)
	}
	if first.Articles[0].Stamp.Changed == 0 {
		t.Skip("this system gives no status change times")
	}
	time.Sleep(10 * time.Millisecond) // past the clock's tick
	write("Ministers met in Minsk on Tuesday to discuss border stability.")
	cache.byStamp = 0
	again, err := LoadCached(os.DirFS(dir), cache)
	if err != nil || len(again.Articles) != 1 {
		t.Fatalf("load again: %v", err)
	}
	if cache.byStamp != 0 || !strings.Contains(again.Articles[0].Text, "stability") {
		t.Errorf("a rewritten file with its old size and time was taken from the cache: %q", again.Articles[0].Text)
	}
}
