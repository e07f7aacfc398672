package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeArticleName(t *testing.T) {
	for in, want := range map[string]string{
		"article.txt":            "article.txt",
		"Report.MD":              "Report.md",
		"../../etc/passwd.txt":   `passwd.txt`,
		`C:\Users\me\notes.txt`:  "notes.txt",
		".hidden.txt":            "hidden.txt",
		"ОДКБ саммит 2022.txt":   "ОДКБ_саммит_2022.txt",
		"a  b;;c.txt":            "a_b_c.txt",
		"....txt":                "article.txt",
		strings.Repeat("x", 300): strings.Repeat("x", maxStemRunes) + ".txt",
	} {
		if got := SafeArticleName(in); got != want {
			t.Errorf("SafeArticleName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStoreArticleNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		data       string
		wantName   string
		wantDup    bool
		wantOnDisk string
	}{
		{"one", "a.txt", false, "one"},
		{"two", "a-2.txt", false, "two"},
		{"one", "a.txt", true, "one"},
		{"two", "a-2.txt", true, "two"},
		{"three", "a-3.txt", false, "three"},
	} {
		name, dup, err := StoreArticle(dir, "a.txt", []byte(tc.data))
		if err != nil || name != tc.wantName || dup != tc.wantDup {
			t.Errorf("store %d: %q, dup %v, err %v; want %q, dup %v", i, name, dup, err, tc.wantName, tc.wantDup)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, tc.wantName)); string(got) != tc.wantOnDisk {
			t.Errorf("store %d: %s holds %q", i, tc.wantName, got)
		}
	}
	if _, _, err := StoreArticle(filepath.Join(dir, "missing"), "a.txt", []byte("x")); err == nil || !strings.Contains(err.Error(), "store a.txt") {
		t.Errorf("storing into a missing folder: %v", err)
	}
}

func TestStoreArticleTreatsAStemAsTakenUnderEitherExtension(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "csto_members.txt"), []byte("members"), 0o644)
	os.WriteFile(filepath.Join(dir, "Summit.TXT"), []byte("summit"), 0o644)
	for i, tc := range []struct {
		name, data string
		wantName   string
		wantDup    bool
	}{
		{"csto_members.md", "other members", "csto_members-2.md", false},
		{"csto_members.md", "members", "csto_members.txt", true},
		{"CSTO_members.txt", "third members", "CSTO_members-3.txt", false},
		{"summit.md", "other summit", "summit-2.md", false},
		{"summit.md", "summit", "Summit.TXT", true},
		{"drills.md", "drills", "drills.md", false},
	} {
		name, dup, err := StoreArticle(dir, tc.name, []byte(tc.data))
		if err != nil || name != tc.wantName || dup != tc.wantDup {
			t.Errorf("store %d (%s): %q, dup %v, err %v; want %q, dup %v", i, tc.name, name, dup, err, tc.wantName, tc.wantDup)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, tc.wantName)); string(got) != tc.data {
			t.Errorf("store %d: %s holds %q, want %q", i, tc.wantName, got, tc.data)
		}
	}
	// Every stem in the folder is one article ID.
	entries, _ := os.ReadDir(dir)
	ids := map[string]string{}
	for _, e := range entries {
		id := strings.ToLower(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())))
		if other, ok := ids[id]; ok {
			t.Errorf("%s and %s share the article ID %q", other, e.Name(), id)
		}
		ids[id] = e.Name()
	}
}
