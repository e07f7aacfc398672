package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/ingest"
	"github.com/alliancebot/alliancebot/retrieval"
)

// runAdd is "alliancebot add [--corpus DIR] URL|FILE": what an admin's link
// or upload does in Telegram, for operators without it. A URL is fetched
// (under FETCH_ALLOW_PRIVATE, FETCH_TIMEOUT and FETCH_MAX_BYTES) and its
// article stored as a .txt file with a header; a .txt or .md file is
// copied, a .html or .htm page converted. The folder is --corpus, else
// CORPUS_DIR, else DATA_DIR/articles as the bot uses it. It prints what it
// stored and exits 0, or prints one line and exits 1 (2 for usage).
func runAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("add", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dirFlag := fl.String("corpus", strings.TrimSpace(getenv(envCorpusDir)), "articles folder (default DATA_DIR/articles)")
	rest, err := parseInterspersed(fl, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "alliancebot: add needs one URL or file, e.g. alliancebot add https://example.com/news/csto-summit")
		return exitUsage
	}
	fetchCfg, err := fetchConfig(getenv)
	if err != nil {
		return exitCodeFor(err, stderr)
	}
	dir := *dirFlag
	if dir == "" {
		dataDir := strings.TrimSpace(getenv(envDataDir))
		if dataDir == "" {
			dataDir = defaultDataDir
		}
		if dir, _, err = articlesDir(botSettings{DataDir: dataDir}); err != nil {
			return exitCodeFor(err, stderr)
		}
	} else if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return exitCodeFor(&configError{"corpus folder", fmt.Sprintf("%q is not a folder", dir)}, stderr)
	}

	adder := &ingest.Adder{Dir: dir, Fetcher: ingest.NewFetcher(fetchCfg)}
	target := rest[0]
	var added ingest.Added
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		added, err = adder.AddURL(ctx, target)
	} else {
		data, rerr := readArticleFile(target)
		if rerr != nil {
			fmt.Fprintf(stderr, "alliancebot: add %s: %v\n", target, rerr)
			return exitFailed
		}
		added, err = adder.AddFile(filepath.Base(target), data)
	}
	switch {
	case errors.Is(err, ingest.ErrAlreadyStored):
		fmt.Fprintf(stdout, "already in %s as %s; nothing stored\n", dir, added.File)
		return exitOK
	case err != nil:
		shown := target
		if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
			shown = ingest.RedactURL(target)
		}
		fmt.Fprintf(stderr, "alliancebot: add %s: %v\n", shown, err)
		return exitFailed
	case added.Duplicate:
		fmt.Fprintf(stdout, "already in %s as %s (same content); nothing stored\n", dir, added.File)
		return exitOK
	}
	printAdded(stdout, dir, added)
	return exitOK
}

// readArticleFile reads a file to add, refusing what is too large to be an
// article before reading it.
func readArticleFile(name string) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	limit := int64(corpus.MaxFileSize)
	if corpus.IsHTMLFile(name) {
		limit = corpus.MaxHTMLFileSize
	}
	switch {
	case !info.Mode().IsRegular():
		return nil, corpus.ErrNotRegular
	case !corpus.IsArticleFile(name):
		return nil, corpus.ErrNotArticle
	case info.Size() > limit:
		return nil, fmt.Errorf("the file is larger than %d bytes", limit)
	}
	return os.ReadFile(name)
}

// printAdded reports an added article: where, its header fields, the
// passages the corpus makes of it (or which article it copies), and its
// first lines.
func printAdded(w io.Writer, dir string, added ingest.Added) {
	a := added.Article
	fmt.Fprintf(w, "stored %s in %s\n", added.File, dir)
	for _, f := range [][2]string{{"title", a.Title}, {"outlet", a.Outlet}, {"published", a.Published}, {"url", a.URL}, {"language", a.Language}} {
		if f[1] != "" {
			fmt.Fprintf(w, "  %-10s %s\n", f[0]+":", f[1])
		}
	}
	if c, err := corpus.Load(os.DirFS(dir)); err == nil {
		passages := 0
		for _, p := range c.Passages {
			if p.ArticleID == a.ID {
				passages++
			}
		}
		for _, d := range c.Duplicates {
			if d.ID == a.ID {
				fmt.Fprintf(w, "  copy of:   %s (the same story; indexed once, cited as also reported by)\n", d.DuplicateOf)
			}
		}
		fmt.Fprintf(w, "  %-10s %d\n", "passages:", passages)
	}
	first := a.Text
	if r := []rune(first); len(r) > 300 {
		first = string(r[:300]) + "…"
	}
	fmt.Fprintf(w, "\n%s\n\nA running bot serves it after its next reload (/reload).\n", first)
	if !retrieval.SpeaksOfCSTO(a.Title, a.Text) {
		fmt.Fprintln(w, "Note: the page never names the CSTO, its treaty or its council, so answers will not quote it.")
	}
}
