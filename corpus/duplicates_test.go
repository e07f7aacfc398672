package corpus

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// syndicatedDir holds one wire story three times (the original, an
// identical copy under another outlet, a lightly edited copy with a new
// headline and its last paragraph dropped) and an independent report of the
// same event.
var syndicatedDir = filepath.Join("..", "testdata", "syndicated")

func TestLoadIndexesSyndicatedStoryOnce(t *testing.T) {
	c, err := Load(os.DirFS(syndicatedDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Errors) != 0 {
		t.Fatal(c.Errors)
	}
	ids := map[string]Article{}
	for _, a := range c.Articles {
		ids[a.ID] = a
	}
	if len(c.Articles) != 2 || ids["wire_original"].ID == "" || ids["independent_report"].ID == "" {
		t.Fatalf("indexed articles = %v; want the wire original and the independent report", articleIDs(c.Articles))
	}
	orig := ids["wire_original"]
	var outlets []string
	for _, r := range orig.AlsoReportedBy {
		outlets = append(outlets, r.Outlet+" "+r.Published)
	}
	if got := strings.Join(outlets, "; "); got != "Pamir Times Online 2024-03-04; Eurasia Daily Digest 2024-03-05" {
		t.Errorf("also reported by = %q", got)
	}
	if len(ids["independent_report"].AlsoReportedBy) != 0 {
		t.Errorf("the independent report counts as a copy: %+v", ids["independent_report"].AlsoReportedBy)
	}
	if len(c.Duplicates) != 2 {
		t.Fatalf("duplicates = %v", articleIDs(c.Duplicates))
	}
	for _, d := range c.Duplicates {
		if d.DuplicateOf != "wire_original" {
			t.Errorf("%s.DuplicateOf = %q", d.ID, d.DuplicateOf)
		}
	}
	for _, p := range c.Passages {
		if p.ArticleID != "wire_original" && p.ArticleID != "independent_report" {
			t.Errorf("passage %s of a copy is indexed", p.ID)
		}
		if p.ArticleID == "wire_original" && len(p.AlsoReportedBy) != 2 {
			t.Errorf("passage %s does not carry the other outlets", p.ID)
		}
	}
}

// TestShingleSimilarityAroundThreshold shows where the fixtures fall
// against DuplicateJaccard: copies well above it, the independent report of
// the same event far below.
func TestShingleSimilarityAroundThreshold(t *testing.T) {
	read := func(name string) shingleSet {
		data, err := os.ReadFile(filepath.Join(syndicatedDir, name))
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseArticle(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return wordShingles(a.Text)
	}
	orig := read("wire_original.txt")
	tests := []struct {
		other     string
		duplicate bool
	}{
		{"wire_reprint.txt", true},
		{"syndicated_copy.txt", true},
		{"independent_report.txt", false},
	}
	for _, tt := range tests {
		j := jaccard(orig, read(tt.other))
		t.Logf("jaccard(wire_original, %s) = %.3f", tt.other, j)
		if (j >= DuplicateJaccard) != tt.duplicate {
			t.Errorf("jaccard(wire_original, %s) = %.3f; duplicate want %v", tt.other, j, tt.duplicate)
		}
	}
}

func TestNearDuplicatesKeepsOrder(t *testing.T) {
	text := strings.Repeat("The member states of the organization agreed on a joint plan for the border. ", 4)
	tests := []struct {
		name     string
		articles []Article
		want     []int // the group, the kept article first; nil for none
	}{
		{"earliest date is kept", []Article{
			{ID: "b", File: "b.txt", Published: "2024-01-02", Text: text},
			{ID: "a", File: "a.txt", Published: "2024-01-01", Text: text},
		}, []int{1, 0}},
		{"dated before undated", []Article{
			{ID: "a", File: "a.txt", Text: text},
			{ID: "b", File: "b.txt", Published: "2024-01-02", Text: text},
		}, []int{1, 0}},
		{"short notes are never copies", []Article{
			{ID: "a", File: "a.txt", Text: "The CSTO met today."},
			{ID: "b", File: "b.txt", Text: "The CSTO met today."},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := NearDuplicates(tt.articles)
			if tt.want == nil {
				if len(groups) != 0 {
					t.Fatalf("groups = %v; want none", groups)
				}
				return
			}
			if len(groups) != 1 || len(groups[0]) != len(tt.want) || groups[0][0] != tt.want[0] {
				t.Fatalf("groups = %v; want [%v]", groups, tt.want)
			}
		})
	}
}

func articleIDs(as []Article) []string {
	var ids []string
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}

// BenchmarkNearDuplicates measures detection over a corpus of 500 distinct
// articles, the common case where nothing is a copy.
func BenchmarkNearDuplicates(b *testing.B) {
	c, err := Load(Default())
	if err != nil {
		b.Fatal(err)
	}
	// 500 distinct articles of 400 words drawn from the built-in ones.
	var vocabulary []string
	for _, a := range c.Articles {
		vocabulary = append(vocabulary, strings.Fields(a.Text)...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var articles []Article
	for i := range 500 {
		words := make([]string, 400)
		for k := range words {
			words[k] = vocabulary[rng.IntN(len(vocabulary))]
		}
		articles = append(articles, Article{ID: fmt.Sprint(i), File: fmt.Sprint(i, ".txt"), Text: strings.Join(words, " ")})
	}
	b.ResetTimer()
	for b.Loop() {
		NearDuplicates(articles)
	}
}

// staleCache gives back the files an earlier load kept as it made them,
// when copies were judged otherwise: each article claims a copy that is
// gone.
type staleCache struct{ made map[string]Article }

func (s staleCache) CachedArticle(name, digest string) (Article, []Passage, bool) {
	a, ok := s.made[name]
	if !ok || a.Digest != digest {
		return Article{}, nil, false
	}
	a.AlsoReportedBy = []Report{{ID: "gone", File: "gone.txt", Outlet: "Gone Outlet"}}
	a.DuplicateOf = ""
	passages := SplitPassages(a)
	for i := range passages {
		passages[i].AlsoReportedBy = a.AlsoReportedBy
	}
	return a, passages, true
}

// TestLoadCachedJudgesCopiesAfresh: the articles a cache gives back are
// kept, and their passages carry the other outlets, by this load's files
// (the copies read again are compared with them), not by what the cache
// remembers.
func TestLoadCachedJudgesCopiesAfresh(t *testing.T) {
	fsys := os.DirFS(syndicatedDir)
	want, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	made := map[string]Article{}
	for _, a := range want.Articles {
		a.AlsoReportedBy, a.DuplicateOf = nil, ""
		made[a.File] = a
	}
	got, err := LoadCached(fsys, staleCache{made})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Articles, want.Articles) || !reflect.DeepEqual(got.Duplicates, want.Duplicates) {
		t.Errorf("from the cache: articles %+v, duplicates %+v; want %+v, %+v", got.Articles, got.Duplicates, want.Articles, want.Duplicates)
	}
	if !reflect.DeepEqual(got.Passages, want.Passages) {
		t.Errorf("from the cache: passages %+v; want %+v", got.Passages, want.Passages)
	}
}

// TestWordShinglesAreFNV checks the inlined hashing against hash/fnv: each
// shingle is FNV-1a of its words, each followed by a zero byte.
func TestWordShinglesAreFNV(t *testing.T) {
	text := "Министры встретились в Минске. The ministers met in Minsk, again; the ministers met in Minsk!"
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	want := map[uint64]bool{}
	for i := 0; i+shingleWords <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+shingleWords] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		want[h.Sum64()] = true
	}
	got := wordShingles(text)
	if len(got) != len(want) {
		t.Fatalf("%d shingles, want %d", len(got), len(want))
	}
	for i, h := range got {
		if !want[h] {
			t.Errorf("shingle %x is not FNV-1a of three words", h)
		}
		if i > 0 && got[i-1] >= h {
			t.Errorf("shingles not sorted and distinct at %d", i)
		}
	}
}

// TestSettledArticlesAreNotCompared checks that knowing which articles an
// earlier load kept (no copies of each other) finds the groups that
// comparing every candidate pair finds, for new copies of kept articles
// and new articles with none.
func TestSettledArticlesAreNotCompared(t *testing.T) {
	c, err := Load(os.DirFS(syndicatedDir))
	if err != nil {
		t.Fatal(err)
	}
	all := append(append([]Article{}, c.Articles...), c.Duplicates...)
	for i := range all {
		all[i].AlsoReportedBy, all[i].DuplicateOf = nil, ""
	}
	kept := map[string]bool{}
	for _, a := range c.Articles {
		kept[a.ID] = true
	}
	tests := []struct {
		name    string
		settled func(a Article) bool
	}{
		{"the kept articles settled", func(a Article) bool { return kept[a.ID] }},
		{"nothing settled", func(Article) bool { return false }},
		{"one kept article settled", func(a Article) bool { return a.ID == c.Articles[0].ID }},
	}
	want := NearDuplicates(all)
	if len(want) == 0 {
		t.Fatal("the syndicated articles have no copies; the test needs some")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			settled := make([]bool, len(all))
			for i, a := range all {
				settled[i] = tt.settled(a)
			}
			if got := nearDuplicates(all, settled); !reflect.DeepEqual(got, want) {
				t.Errorf("groups %v, comparing every pair %v", got, want)
			}
		})
	}
	every := make([]bool, len(c.Articles))
	for i := range every {
		every[i] = true
	}
	if got := nearDuplicates(c.Articles, every); got != nil {
		t.Errorf("every article settled: groups %v, want none", got)
	}
}
