package corpus

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// shortLinesPage is a generated page of about size bytes of short lines in
// the two shapes that once made cleaning quadratic in the number of lines:
// first one long sentence hard-wrapped into lines of 8 words, each line
// continuing the one before; then short one-line sentences.
func shortLinesPage(size int) string {
	words := []string{"the", "alliance", "met", "in", "the", "capital", "and", "agreed", "on", "joint", "drills", "for", "autumn"}
	var b strings.Builder
	b.WriteString("The summit report\n")
	for i := 0; b.Len() < size/2; i++ {
		for k := 0; k < 7; k++ {
			b.WriteString(words[(i*7+k*3)%len(words)] + " ")
		}
		b.WriteString(words[i%len(words)] + "\n")
	}
	b.WriteString("and it ended.\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString("Leaders met in the capital on day " + strconv.Itoa(i) + ".\n")
	}
	return b.String()
}

// BenchmarkCleanShortLines cleans a generated 1 MB page of short lines
// (issue 8 defect 6: it took 54 s before cleaning was made linear).
func BenchmarkCleanShortLines(b *testing.B) {
	page := shortLinesPage(1 << 20)
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		CleanScrapedText(page, "")
	}
}

// BenchmarkParseUnseenPages parses the unseen articles: pages of real
// shape, most of them furniture.
func BenchmarkParseUnseenPages(b *testing.B) {
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "unseen", "articles", "*.txt"))
	var pages [][]byte
	size := 0
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, p := range pages {
			if _, err := ParseArticle(filepath.Base(names[j]), p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
