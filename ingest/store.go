package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/corpus"
)

// maxStemRunes bounds the file names made from uploads.
const maxStemRunes = 60

// SafeArticleName turns an uploaded file name into one that is safe to
// create in the articles folder: no directories, no leading dot, only
// letters, digits, '-' and '_' before a lower-case .txt or .md extension.
func SafeArticleName(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	ext := strings.ToLower(path.Ext(base))
	if ext != ".md" {
		ext = ".txt"
	}
	var b strings.Builder
	for _, r := range strings.TrimSuffix(base, path.Ext(base)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "_"):
			b.WriteRune('_')
		}
	}
	stem := strings.Trim(b.String(), "_-")
	if utf8.RuneCountInString(stem) > maxStemRunes {
		// Trimmed again, so that the cut leaves no '_' at the end and the
		// name stays the same when made safe twice.
		stem = strings.Trim(string([]rune(stem)[:maxStemRunes]), "_-")
	}
	if stem == "" {
		stem = "article"
	}
	return stem + ext
}

// maxNameAttempts bounds the search for a free "<stem>-<n><ext>" name.
const maxNameAttempts = 100

// StoreArticle writes data to dir under name, or under "<stem>-2<ext>",
// "<stem>-3<ext>", … when the stem is taken: an upload never replaces an
// article, and never shares the article ID (the stem) of another. A stem is
// taken by an article file with either extension, .txt or .md, compared
// without regard to case, so that csto_members.md is not stored beside
// csto_members.txt, where the loader would refuse one of them (and on a
// case-insensitive file system X.txt and x.txt are one file). When a file
// with a taken stem holds exactly the same content, the article counts as
// already stored: duplicate is true and stored is that file's name.
func StoreArticle(dir, name string, data []byte) (stored string, duplicate bool, err error) {
	taken, err := articleStems(dir)
	if err != nil {
		return "", false, fmt.Errorf("store %s: %w", name, err)
	}
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; n <= maxNameAttempts; n++ {
		candidate := stem
		if n > 1 {
			candidate = fmt.Sprintf("%s-%d", stem, n)
		}
		if files := taken[strings.ToLower(candidate)]; len(files) > 0 {
			for _, file := range files {
				if existing, err := os.ReadFile(filepath.Join(dir, file)); err == nil && bytes.Equal(existing, data) {
					return file, true, nil
				}
			}
			continue
		}
		candidate += ext
		err := linkNew(dir, candidate, data)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", false, fmt.Errorf("store %s: %w", candidate, err)
		}
		return candidate, false, nil
	}
	return "", false, fmt.Errorf("store %s: no free name after %d attempts", name, maxNameAttempts)
}

// articleStems maps the lower-cased stem of every article file in dir to
// the files that have it.
func articleStems(dir string) (map[string][]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	stems := map[string][]string{}
	for _, e := range entries {
		if e.IsDir() || !corpus.IsArticleFile(e.Name()) {
			continue
		}
		stem := strings.ToLower(strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
		stems[stem] = append(stems[stem], e.Name())
	}
	return stems, nil
}

// linkNew creates dir/name holding data, failing with fs.ErrExist when the
// name is taken. The data is written to a hidden temporary file first and
// then linked in, so a reload running meanwhile never reads half a file.
func linkNew(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".incoming-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	err = os.Link(tmp.Name(), filepath.Join(dir, name))
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	// A file system without hard links: create the name exclusively and
	// write into it.
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr = f.Write(data)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(filepath.Join(dir, name))
		return err
	}
	return nil
}
