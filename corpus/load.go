package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io"
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
	// Duplicates are the copies of other articles (the same wire story
	// under another outlet) that loaded but are not indexed: each names the
	// article indexed in its place in DuplicateOf.
	Duplicates []Article
}

// Load reads every article file (.txt, .md, .html, .htm) at the top of fsys, in name order. A bad
// file never stops the load: it is reported in Corpus.Errors and the rest
// loads. Copies of one story under several outlets are indexed once (see
// duplicates.go). Load returns an error only when the folder itself cannot
// be read.
func Load(fsys fs.FS) (*Corpus, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read corpus folder: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	c := &Corpus{}
	ids := map[string]string{} // article ID → the file that has it
	for _, e := range entries {
		if e.IsDir() || !IsArticleFile(e.Name()) {
			continue
		}
		a, err := loadFile(fsys, e.Name())
		if err == nil && ids[a.ID] != "" {
			// x.txt and x.md would share an ID, and so their passages.
			err = fmt.Errorf("%w: %s has the same name", ErrDuplicateID, ids[a.ID])
		}
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				fe = &FileError{File: e.Name(), Err: err}
			}
			c.Errors = append(c.Errors, fe)
			continue
		}
		ids[a.ID] = a.File
		c.Articles = append(c.Articles, a)
	}
	c.Articles, c.Duplicates = setAsideDuplicates(c.Articles)
	for _, a := range c.Articles {
		c.Passages = append(c.Passages, SplitPassages(a)...)
	}
	return c, nil
}

// loadFile reads one article file. Only regular files are read (a link is
// followed to what it points at), and never more than MaxFileSize+1 bytes,
// so a link to /dev/zero or a named pipe cannot exhaust memory or hang the
// load.
func loadFile(fsys fs.FS, name string) (Article, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Article{}, err
	}
	if !info.Mode().IsRegular() {
		return Article{}, &FileError{File: name, Err: ErrNotRegular}
	}
	limit := int64(MaxFileSize)
	if IsHTMLFile(name) {
		limit = MaxHTMLFileSize
	}
	if info.Size() > limit {
		return Article{}, &FileError{File: name, Err: ErrTooLarge}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return Article{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return Article{}, err
	}
	return ParseArticle(name, data)
}
