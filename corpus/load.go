package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"sync"
	"time"
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

// Cache gives back what an earlier load made of an article file, so that a
// file that has not changed is not cleaned and split again. The retrieval
// engine is one: its index file keeps the articles it indexed. LoadCached
// calls it from several goroutines at once.
//
// A Cache gives back only articles an earlier load kept (indexed rather than
// set aside as copies): LoadCached takes two articles it gave back for no
// copies of each other, as that load found, and does not compare them again.
type Cache interface {
	// CachedArticle returns the article and passages made of the file
	// called name whose bytes have this Digest, under this
	// ChunkingVersion, when the cache has them.
	CachedArticle(name, digest string) (Article, []Passage, bool)
}

// StampCache is a Cache that also recognises an unchanged file by its
// FileStamp, so that LoadCached need not read and digest it.
type StampCache interface {
	Cache
	// CachedArticleByStamp returns the article and passages made of the
	// file called name when it had this stamp, when the cache has them.
	CachedArticleByStamp(name string, stamp FileStamp) (Article, []Passage, bool)
}

// FileStamp is a file's size, modification time and, where the system
// keeps one, its status change time, which writing the file or restoring
// its modification time sets. Like make and git, LoadCached takes a file
// whose stamp has not changed for unchanged. A stamp is kept only for a file
// last modified a while before it was read (stampMargin): a file written
// again within the same tick of a coarse clock, to the same size, would
// otherwise pass for unchanged. A file whose modification time was set back
// (cp -p, rsync -t) has a new status change time.
type FileStamp struct {
	Size    int64
	ModTime int64 // Unix nanoseconds
	Changed int64 // Unix nanoseconds; 0 where unknown
}

// stampMargin is how long before its reading a file must have last been
// modified for its stamp to be kept.
const stampMargin = 2 * time.Second

// fileStamp is the stamp of a file of info read at now, or zero when the
// file was modified too recently, or its folder gives no times.
func fileStamp(info fs.FileInfo, now time.Time) FileStamp {
	mod := info.ModTime()
	if mod.IsZero() || !mod.Before(now.Add(-stampMargin)) {
		return FileStamp{}
	}
	return FileStamp{Size: info.Size(), ModTime: mod.UnixNano(), Changed: statusChangeTime(info)}
}

// Load reads every article file (.txt, .md, .html, .htm) at the top of fsys, in name order. A bad
// file never stops the load: it is reported in Corpus.Errors and the rest
// loads. Copies of one story under several outlets are indexed once (see
// duplicates.go). Load returns an error only when the folder itself cannot
// be read.
func Load(fsys fs.FS) (*Corpus, error) { return LoadCached(fsys, nil) }

// LoadCached is Load taking the files that cache has seen, unchanged, from
// cache instead of cleaning and splitting them again; a nil cache is Load.
func LoadCached(fsys fs.FS, cache Cache) (*Corpus, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read corpus folder: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var names []string
	for _, e := range entries {
		if !e.IsDir() && IsArticleFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	// Read and clean the files on every CPU; put them together in name
	// order. Cleaning a file takes milliseconds and starting a goroutine
	// microseconds, so even a handful of files (the built-in five) is
	// shared out.
	type loaded struct {
		article  Article
		passages []Passage
		cached   bool
		err      error
	}
	files := make([]loaded, len(names))
	workers := min(runtime.NumCPU(), len(names))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(names); i += workers {
				f := &files[i]
				f.article, f.passages, f.cached, f.err = loadFile(fsys, names[i], cache)
			}
		}()
	}
	wg.Wait()
	c := &Corpus{}
	var cached []bool                  // by article: whether cache gave it
	ids := map[string]string{}         // article ID → the file that has it
	passages := map[string][]Passage{} // article ID → its passages
	for i, name := range names {
		a, err := files[i].article, files[i].err
		if err == nil && ids[a.ID] != "" {
			// x.txt and x.md would share an ID, and so their passages.
			err = fmt.Errorf("%w: %s has the same name", ErrDuplicateID, ids[a.ID])
		}
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				fe = &FileError{File: name, Err: err}
			}
			c.Errors = append(c.Errors, fe)
			continue
		}
		// A cached article may remember copies of an earlier load; which
		// articles are copies is decided afresh below.
		a.AlsoReportedBy, a.DuplicateOf = nil, ""
		ids[a.ID] = a.File
		c.Articles = append(c.Articles, a)
		cached = append(cached, files[i].cached)
		passages[a.ID] = files[i].passages
	}
	c.Articles, c.Duplicates = setAsideDuplicates(c.Articles, cached)
	total := 0
	for _, a := range c.Articles {
		total += len(passages[a.ID])
	}
	c.Passages = make([]Passage, 0, total)
	for _, a := range c.Articles {
		for _, p := range passages[a.ID] {
			p.AlsoReportedBy = a.AlsoReportedBy
			c.Passages = append(c.Passages, p)
		}
	}
	return c, nil
}

// loadFile reads one article file and splits it into passages, or takes
// both from cache when it has them, and reports which. Only regular files are read (a link is
// followed to what it points at), and never more than MaxFileSize+1 bytes,
// so a link to /dev/zero or a named pipe cannot exhaust memory or hang the
// load.
func loadFile(fsys fs.FS, name string, cache Cache) (Article, []Passage, bool, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Article{}, nil, false, err
	}
	if !info.Mode().IsRegular() {
		return Article{}, nil, false, &FileError{File: name, Err: ErrNotRegular}
	}
	stamp := fileStamp(info, time.Now())
	if sc, ok := cache.(StampCache); ok && stamp != (FileStamp{}) {
		if a, passages, ok := sc.CachedArticleByStamp(name, stamp); ok {
			return a, passages, true, nil
		}
	}
	limit := int64(MaxFileSize)
	if IsHTMLFile(name) {
		limit = MaxHTMLFileSize
	}
	if info.Size() > limit {
		return Article{}, nil, false, &FileError{File: name, Err: ErrTooLarge}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return Article{}, nil, false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return Article{}, nil, false, err
	}
	if cache != nil && int64(len(data)) <= limit {
		if a, passages, ok := cache.CachedArticle(name, FileDigest(data)); ok {
			a.Stamp = stamp // the file was touched, not changed
			return a, passages, true, nil
		}
	}
	a, err := ParseArticle(name, data)
	if err != nil {
		return Article{}, nil, false, err
	}
	a.Stamp = stamp
	a.Bands = bandKeys(a.Text) // here, on every CPU, not in the serial duplicate check
	return a, SplitPassages(a), false, nil
}
