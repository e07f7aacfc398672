// Command bm25baseline is the yardstick for the batch speed of
// `alliancebot ask --json -`: a plain BM25 program over the same article
// files. It indexes every paragraph of a folder of articles in memory with
// bleve (BM25 scoring, bleve's standard analyzer), then reads questions one
// per line from standard input and prints each one's three best paragraphs
// as a JSON line. It has its own module, so the bot gains no dependency.
//
// Usage:
//
//	bm25baseline DIR < questions.txt
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// paragraph is one indexed document.
type paragraph struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// hit is one paragraph found for a question.
type hit struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Text  string  `json:"text"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bm25baseline DIR < questions.txt")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "bm25baseline: %v\n", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		return fmt.Errorf("new index: %w", err)
	}
	paragraphs := map[string]string{}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	batch := idx.NewBatch()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read %s: %w", f, err)
		}
		title, body := splitFrontMatter(string(data))
		for i, p := range strings.Split(body, "\n\n") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			id := filepath.Base(f) + "#" + strconv.Itoa(i)
			paragraphs[id] = p
			if err := batch.Index(id, paragraph{Title: title, Text: p}); err != nil {
				return fmt.Errorf("index %s: %w", id, err)
			}
		}
	}
	if err := idx.Batch(batch); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		q := in.Text()
		req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 3, 0, false)
		res, err := idx.Search(req)
		if err != nil {
			return fmt.Errorf("search %q: %w", q, err)
		}
		hits := []hit{}
		for _, h := range res.Hits {
			hits = append(hits, hit{ID: h.ID, Score: h.Score, Text: paragraphs[h.ID]})
		}
		if err := enc.Encode(struct {
			Q    string `json:"q"`
			Hits []hit  `json:"hits"`
		}{q, hits}); err != nil {
			return err
		}
	}
	return in.Err()
}

// splitFrontMatter returns the title of an article file's front matter
// ("---" lines around "key: value" lines) and the text after it.
func splitFrontMatter(s string) (title, body string) {
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return "", s
	}
	head, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return "", s
	}
	for _, line := range strings.Split(head, "\n") {
		if v, ok := strings.CutPrefix(line, "title:"); ok {
			title = strings.TrimSpace(v)
		}
	}
	return title, body
}
