package main

// A dictd database is two files (dictd(8), dictfmt(1)):
//
//   - NAME.index: one line per headword, "headword\toffset\tlength", the
//     numbers in dictd's base64 (digits A–Z a–z 0–9 + /, most significant
//     first), sorted by headword;
//   - NAME.dict.dz: the entries' text, compressed with dictzip, which is gzip
//     with an extra header field for random access; read as plain gzip it
//     gives the whole text, and an entry is the bytes [offset, offset+length).
//
// Headwords starting with "00-database" carry the database's metadata.

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// dictEntry is one article of a dictd database.
type dictEntry struct {
	headword string
	text     string
}

func readDictd(indexPath, dictPath string) ([]dictEntry, error) {
	df, err := os.Open(dictPath)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dictPath, err)
	}
	defer df.Close()
	zr, err := gzip.NewReader(df)
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", dictPath, err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", dictPath, err)
	}
	xf, err := os.Open(indexPath)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", indexPath, err)
	}
	defer xf.Close()
	var out []dictEntry
	sc := bufio.NewScanner(xf)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want headword, offset, length", indexPath, n)
		}
		if strings.HasPrefix(f[0], "00-database") || strings.HasPrefix(f[0], "00database") {
			continue
		}
		off, err1 := decodeDictdNumber(f[1])
		size, err2 := decodeDictdNumber(f[2])
		if err1 != nil || err2 != nil || off+size > len(body) {
			return nil, fmt.Errorf("%s:%d: bad offset/length %q %q", indexPath, n, f[1], f[2])
		}
		out = append(out, dictEntry{headword: f[0], text: string(body[off : off+size])})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", indexPath, err)
	}
	return out, nil
}

const dictdDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// decodeDictdNumber reads dictd's base64 number notation.
func decodeDictdNumber(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("empty number")
	}
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(dictdDigits, s[i])
		if d < 0 {
			return 0, fmt.Errorf("bad digit %q in %q", s[i], s)
		}
		n = n*64 + d
	}
	return n, nil
}
