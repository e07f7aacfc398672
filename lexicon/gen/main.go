// Command gen builds the lexicon's data files from WordNet 3.0 and Mueller's
// English–Russian dictionary as Debian installs them:
//
//	apt-get install wordnet-base mueller7-dict
//	go generate ./lexicon
//
// It writes data/en_related.tsv.gz (English lemma → related lemmas) and
// data/en_ru.tsv.gz (English–Russian translation pairs); see the lexicon
// package's README for their format.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/russian"
)

func main() {
	wordnetDir := flag.String("wordnet", "/usr/share/wordnet", "directory of the WordNet 3.0 database files")
	dictdDir := flag.String("dictd", "/usr/share/dictd", "directory of the mueller7 dictd database")
	out := flag.String("out", "data", "directory to write the data files to")
	flag.Parse()
	if err := run(*wordnetDir, *dictdDir, *out); err != nil {
		slog.Error("generate lexicon", "err", err)
		os.Exit(1)
	}
}

func run(wordnetDir, dictdDir, out string) error {
	wn, err := readWordNet(wordnetDir)
	if err != nil {
		return fmt.Errorf("read wordnet: %w", err)
	}
	related := buildRelated(wn)
	if err := writeGzip(filepath.Join(out, "en_related.tsv.gz"), formatRelated(related, wn)); err != nil {
		return err
	}
	slog.Info("wrote related lemmas", "lemmas", len(related))

	entries, err := readDictd(filepath.Join(dictdDir, "mueller7.index"), filepath.Join(dictdDir, "mueller7.dict.dz"))
	if err != nil {
		return fmt.Errorf("read mueller7: %w", err)
	}
	var pairs []translationPair
	for _, e := range entries {
		pairs = append(pairs, parseMueller(e)...)
	}
	pairs = dedupePairs(pairs)
	if err := writeGzip(filepath.Join(out, "en_ru.tsv.gz"), formatPairs(pairs, wn)); err != nil {
		return err
	}
	slog.Info("wrote translation pairs", "entries", len(entries), "pairs", len(pairs))
	return nil
}

// formatRelated writes one line per lemma: the lemma, the WordNet parts of
// speech it is a lemma of ("nv": noun and verb; empty for forms that are
// not lemmas), then one field per related lemma made of a kind letter, a
// sense-rank digit and the lemma ("s1establish", "d1establishment").
func formatRelated(related map[string][]relatedEntry, wn *wordnet) []byte {
	pos := map[string]string{}
	for k := range wn.senses {
		lemma, p, _ := strings.Cut(k, "\x00")
		pos[lemma] += p
	}
	keys := make([]string, 0, len(related))
	for k := range related {
		keys = append(keys, k)
	}
	for k := range pos {
		if _, ok := related[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('\t')
		for _, p := range wordnetPOS {
			if strings.Contains(pos[k], p.pos) {
				b.WriteString(p.pos)
			}
		}
		for _, e := range related[k] {
			b.WriteByte('\t')
			b.WriteByte(e.kind)
			b.WriteByte(byte('0' + e.rank))
			b.WriteString(e.term)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// formatPairs writes one line per pair: English, Russian, the Russian's
// Snowball stems, sense rank, position in the sense, and how often SemCor
// tagged the English word (to rank the English words of a Russian one).
func formatPairs(pairs []translationPair, wn *wordnet) []byte {
	var b bytes.Buffer
	for _, p := range pairs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%d\t%d\n", p.en, p.ru, stemRussian(p.ru), p.rank, p.pos, wn.frequency(p.en))
	}
	return b.Bytes()
}

// dedupePairs keeps the best-placed copy of each pair, sorted.
func dedupePairs(pairs []translationPair) []translationPair {
	best := map[[2]string]translationPair{}
	for _, p := range pairs {
		k := [2]string{p.en, p.ru}
		if old, ok := best[k]; !ok || p.rank < old.rank || p.rank == old.rank && p.pos < old.pos {
			best[k] = p
		}
	}
	out := make([]translationPair, 0, len(best))
	for _, p := range best {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].en != out[j].en {
			return out[i].en < out[j].en
		}
		if out[i].rank != out[j].rank {
			return out[i].rank < out[j].rank
		}
		if out[i].pos != out[j].pos {
			return out[i].pos < out[j].pos
		}
		return out[i].ru < out[j].ru
	})
	return out
}

// stemRussian stems each word as the lexicon package does (ё folded to е).
func stemRussian(phrase string) string {
	words := strings.Fields(strings.ReplaceAll(phrase, "ё", "е"))
	for i, w := range words {
		words[i] = russian.Stem(w, false)
	}
	return strings.Join(words, " ")
}

// normalizeLemma lower-cases a lemma and joins its runs of letters and digits
// with single spaces, as the lexicon package keys its entries: "Set_up" →
// "set up", "cease-fire" → "cease fire".
func normalizeLemma(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, " ")
}

func writeGzip(path string, data []byte) error {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("gzip %s: %w", path, err)
	}
	if _, err := zw.Write(data); err != nil {
		return fmt.Errorf("gzip %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("gzip %s: %w", path, err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	slog.Info("wrote", "path", path, "bytes", b.Len(), "uncompressed", len(data), "lines", strconv.Itoa(bytes.Count(data, []byte{'\n'})))
	return nil
}
