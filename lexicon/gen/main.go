// Command gen builds the lexicon's data files from WordNet 3.0 and Mueller's
// English–Russian dictionary as Debian installs them:
//
//	apt-get install wordnet-base mueller7-dict
//	go generate ./lexicon
//
// It writes data/en_related.tsv (English lemma → related lemmas) and
// data/en_ru.tsv (English–Russian translation pairs and their indexes),
// sorted so the lexicon looks them up by binary search; see the lexicon
// package's README for their format.
package main

import (
	"bytes"
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
	if err := writeFile(filepath.Join(out, "en_related.tsv"), formatRelated(related, wn)); err != nil {
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
	if err := writeFile(filepath.Join(out, "en_ru.tsv"), formatPairs(pairs, wn)); err != nil {
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

// formatPairs writes the translation tables as sections, each a header
// line "# name bytes" and then that many bytes of lines sorted by their
// first field (byte order), so the lexicon looks a key up by binary search:
//
//   - en_ru: English, Russian, sense rank, position in the sense, and how
//     often SemCor tagged the English word (to rank the English words of a
//     Russian one);
//   - ru_en: the same pairs keyed by the Russian term, "ё" written "е" as
//     in most texts (this and the following sections);
//   - ru_stem: the Russian terms' Snowball stems joined by spaces → term;
//   - ru_part: the stem of each word of a multi-word Russian term → term;
//   - en_part: each word of a multi-word English term → term.
//
// Words of fewer than four letters (prepositions, particles) are not indexed
// as parts.
func formatPairs(pairs []translationPair, wn *wordnet) []byte {
	var enRu, ruEn, ruStem, ruPart, enPart []string
	for _, p := range pairs {
		tail := fmt.Sprintf("%d\t%d\t%d", p.rank, p.pos, wn.frequency(p.en))
		ru := strings.ReplaceAll(p.ru, "ё", "е") // the Russian key; en_ru keeps the spelling
		enRu = append(enRu, p.en+"\t"+p.ru+"\t"+tail)
		ruEn = append(ruEn, ru+"\t"+p.en+"\t"+tail)
		stems := stemRussian(ru)
		ruStem = append(ruStem, stems+"\t"+ru)
		if strings.Contains(ru, " ") {
			for _, w := range strings.Fields(stems) {
				if len([]rune(w)) >= 4 {
					ruPart = append(ruPart, w+"\t"+ru)
				}
			}
		}
		if strings.Contains(p.en, " ") {
			for _, w := range strings.Fields(p.en) {
				if len(w) >= 4 {
					enPart = append(enPart, w+"\t"+p.en)
				}
			}
		}
	}
	var b bytes.Buffer
	for _, sec := range []struct {
		name  string
		lines []string
	}{{"en_ru", enRu}, {"ru_en", ruEn}, {"ru_stem", ruStem}, {"ru_part", ruPart}, {"en_part", enPart}} {
		body := sortedLines(sec.lines)
		fmt.Fprintf(&b, "# %s %d\n", sec.name, len(body))
		b.Write(body)
	}
	return b.Bytes()
}

// sortedLines sorts lines by their first field, then by the rest, drops
// duplicates and joins them, each ended by a newline.
func sortedLines(lines []string) []byte {
	sort.Slice(lines, func(i, j int) bool {
		ki, ri, _ := strings.Cut(lines[i], "\t")
		kj, rj, _ := strings.Cut(lines[j], "\t")
		if ki != kj {
			return ki < kj
		}
		return ri < rj
	})
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
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
// The generator keeps its own copy of this and of normalizeLemma: it must
// build before the data files the lexicon package embeds exist, so it
// cannot import that package. TestTablesAreSorted checks that the Russian
// keys it wrote are what lexicon.StemRussian computes.
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

func writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	slog.Info("wrote", "path", path, "bytes", len(data), "lines", strconv.Itoa(bytes.Count(data, []byte{'\n'})))
	return nil
}
