package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed articles/*.txt
var defaultArticles embed.FS

// Default returns the built-in articles, embedded in the binary.
func Default() fs.FS {
	sub, err := fs.Sub(defaultArticles, "articles")
	if err != nil {
		panic(err) // the embedded folder is fixed at build time
	}
	return sub
}

// Corpus is the result of loading a folder: the articles that loaded, their
// passages, and one error per file that did not.
type Corpus struct {
	Articles []Article
	Passages []Passage
	Errors   []*FileError
}

// Load reads every .txt and .md file at the top of fsys, in name order. A bad
// file never stops the load: it is reported in Corpus.Errors and the rest
// loads. Load returns an error only when the folder itself cannot be read.
func Load(fsys fs.FS) (*Corpus, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read corpus folder: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	c := &Corpus{}
	for _, e := range entries {
		if e.IsDir() || !IsArticleFile(e.Name()) {
			continue
		}
		a, err := loadFile(fsys, e)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				fe = &FileError{File: e.Name(), Err: err}
			}
			c.Errors = append(c.Errors, fe)
			continue
		}
		c.Articles = append(c.Articles, a)
		c.Passages = append(c.Passages, SplitPassages(a)...)
	}
	return c, nil
}

func loadFile(fsys fs.FS, e fs.DirEntry) (Article, error) {
	info, err := e.Info()
	if err != nil {
		return Article{}, err
	}
	if info.Size() > MaxFileSize {
		return Article{}, &FileError{File: e.Name(), Err: ErrTooLarge}
	}
	data, err := fs.ReadFile(fsys, e.Name())
	if err != nil {
		return Article{}, err
	}
	return ParseArticle(e.Name(), data)
}
