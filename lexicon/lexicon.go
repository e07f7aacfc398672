// Package lexicon knows which words mean the same thing: English synonyms,
// derivations and adjective–noun pairs from WordNet, English–Russian
// translations from Mueller's dictionary, and a phonetic key that lets the
// Latin and Cyrillic spellings of a name meet.
//
// The data is compiled into the binary (see README.md for sources and
// licences); Default loads it once. Terms are lower-case words joined by
// single spaces, as Words splits text, so a caller stems each word of a term
// the way it stems its text.
//
//go:generate go run ./gen -out data
package lexicon

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/russian"
)

//go:embed data/en_related.tsv.gz
var relatedGz []byte

//go:embed data/en_ru.tsv.gz
var translationsGz []byte

// Kind says how a related term is related.
type Kind uint8

// The kinds of relation, closest first.
const (
	Spelling   Kind = iota + 1 // another spelling: "ceasefire" / "cease fire"
	Inflection                 // an inflected or base form: "went" / "go"
	Pertainym                  // adjective and the noun it pertains to: "armenian" / "armenia"
	Derivation                 // derivationally related: "establish" / "establishment"
	Synonym                    // member of a common sense's synset: "truce" / "armistice"
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Spelling:
		return "spelling"
	case Inflection:
		return "inflection"
	case Pertainym:
		return "pertainym"
	case Derivation:
		return "derivation"
	case Synonym:
		return "synonym"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Relation is a term related to a looked-up word, with a weight in (0, 1)
// for the caller to rank it below the word itself (an exact match is 1).
type Relation struct {
	Term   string
	Weight float32
	Kind   Kind
}

// Term is a translation with a weight in (0, 1): higher for the first
// translation of the first sense, lower for later senses, for Russian words
// that only share the stem, and for phrases that only contain the word.
type Term struct {
	Text   string
	Weight float32
}

// Languages accepted by Translations.
const (
	English = "en"
	Russian = "ru"
)

// Lexicon is the loaded data. It is immutable and safe for concurrent use.
type Lexicon struct {
	related   string           // decompressed en_related.tsv
	relatedAt map[string]int32 // lemma → offset of its line in related
	pairs     []pair
	byEnglish map[string][]int32 // English term → pair indexes
	byRussian map[string][]int32 // Russian stems joined by spaces → pair indexes
	// byPart indexes a pair under each word of a multi-word term, English
	// words as they are and Russian ones as stems; Translations gives such
	// pairs a lower weight.
	byEnglishPart map[string][]int32
	byRussianPart map[string][]int32
}

type pair struct {
	en, ru string
	weight float32
	freq   int32 // SemCor frequency of the English term
}

// Default returns the lexicon compiled into the package, loaded on first
// use.
func Default() *Lexicon { return loadDefault() }

var loadDefault = sync.OnceValue(func() *Lexicon {
	l, err := Load(relatedGz, translationsGz)
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded data: %v", err)) // a broken build, not a runtime condition
	}
	return l
})

// Load reads a lexicon from gzip-compressed en_related.tsv and en_ru.tsv
// data as the generator writes them. The two tables are read concurrently.
func Load(relatedGzip, translationsGzip []byte) (*Lexicon, error) {
	l := &Lexicon{}
	var relatedErr, translationsErr error
	var wg sync.WaitGroup
	wg.Go(func() { relatedErr = l.indexRelated(relatedGzip) })
	wg.Go(func() { translationsErr = l.indexTranslations(translationsGzip) })
	wg.Wait()
	if relatedErr != nil {
		return nil, fmt.Errorf("related terms: %w", relatedErr)
	}
	if translationsErr != nil {
		return nil, fmt.Errorf("translations: %w", translationsErr)
	}
	return l, nil
}

// indexRelated fills related and relatedAt.
func (l *Lexicon) indexRelated(gz []byte) error {
	related, err := gunzip(gz)
	if err != nil {
		return err
	}
	l.related = related
	l.relatedAt = make(map[string]int32, strings.Count(related, "\n"))
	for off := 0; off < len(related); {
		end := strings.IndexByte(related[off:], '\n')
		if end < 0 {
			end = len(related) - off
		}
		line := related[off : off+end]
		key, _, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("line %q has no tab", line)
		}
		l.relatedAt[key] = int32(off)
		off += end + 1
	}
	return nil
}

func gunzip(data []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if len(data) >= 4 {
		// gzip's trailer holds the uncompressed size (mod 2³²).
		b.Grow(int(binary.LittleEndian.Uint32(data[len(data)-4:])))
	}
	if _, err := io.Copy(&b, zr); err != nil {
		return "", err
	}
	return b.String(), nil
}

// indexTranslations fills pairs and the maps that index them.
func (l *Lexicon) indexTranslations(gz []byte) error {
	data, err := gunzip(gz)
	if err != nil {
		return err
	}
	n := strings.Count(data, "\n")
	l.pairs = make([]pair, 0, n)
	l.byEnglish = make(map[string][]int32, n/2)
	l.byRussian = make(map[string][]int32, n/2)
	l.byEnglishPart = make(map[string][]int32, n/16)
	l.byRussianPart = make(map[string][]int32, n/8)
	var f [6]string
	for line := range strings.Lines(data) {
		rest := strings.TrimSuffix(line, "\n")
		for k := range f {
			var ok bool
			f[k], rest, ok = strings.Cut(rest, "\t")
			if ok != (k < len(f)-1) {
				return fmt.Errorf("line %q: want %d fields", line, len(f))
			}
		}
		rank, err1 := strconv.Atoi(f[3])
		pos, err2 := strconv.Atoi(f[4])
		freq, err3 := strconv.Atoi(f[5])
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("line %q: bad number", line)
		}
		i := int32(len(l.pairs))
		l.pairs = append(l.pairs, pair{en: f[0], ru: f[1], weight: translationWeight(rank, pos), freq: int32(freq)})
		l.byEnglish[f[0]] = append(l.byEnglish[f[0]], i)
		l.byRussian[f[2]] = append(l.byRussian[f[2]], i)
		indexParts(l.byEnglishPart, f[0], i)
		indexParts(l.byRussianPart, f[2], i)
	}
	return nil
}

// indexParts indexes a multi-word term under each of its words that is long
// enough to carry meaning (prepositions and particles are short).
func indexParts(index map[string][]int32, term string, i int32) {
	if !strings.Contains(term, " ") {
		return
	}
	for _, w := range strings.Fields(term) {
		if len([]rune(w)) >= 4 {
			index[w] = append(index[w], i)
		}
	}
}

// translationWeight is 0.8 for the first translation of the first sense and
// falls with the sense rank and the position in the sense.
func translationWeight(rank, pos int) float32 {
	return max(0.8-0.08*float32(rank-1)-0.04*float32(pos), 0.3)
}

// stemOnlyWeight scales the weight of a Russian dictionary word that shares
// only its stem with the looked-up word, so the word's own translations come
// first; for an inflected form, which matches no dictionary word as written,
// every translation is scaled alike.
const stemOnlyWeight = 0.9

// partWeight scales the weight of a translation reached through one word of
// a phrase ("перемирие" → "короткое перемирие" → "armistice").
const partWeight = 0.5

// Relation weights by kind; synonyms and derivations of a word's second and
// third senses weigh less (relationWeight).
var kindWeight = map[byte]struct {
	kind   Kind
	weight float32
}{
	'v': {Spelling, 0.9},
	'i': {Inflection, 0.9},
	'f': {Inflection, 0.8},
	'p': {Pertainym, 0.7},
	'd': {Derivation, 0.7},
	's': {Synonym, 0.6},
}

// Related returns the English lemmas related to an English word or phrase,
// heaviest first. An inflected word is reduced to its base forms by
// WordNet's rules ("founded" → "found"), which are returned with their own
// relations; another spelling of a compound brings that spelling's
// relations too ("ceasefire" → "cease fire" → "truce"), and a two-word
// compound among the results brings its closed spelling if that is a known
// word ("truce" → "cease fire", "ceasefire").
func (l *Lexicon) Related(word string) []Relation {
	key := strings.Join(Words(word), " ")
	if key == "" {
		return nil
	}
	best := map[string]Relation{}
	add := func(r Relation) {
		if r.Term == key {
			return
		}
		if old, ok := best[r.Term]; !ok || r.Weight > old.Weight {
			best[r.Term] = r
		}
	}
	own := l.relationsOf(key)
	for _, r := range own {
		add(r)
	}
	// One hop through a base form or another spelling.
	var hops []Relation
	for _, r := range own {
		if r.Kind == Spelling {
			hops = append(hops, r)
		}
	}
	for _, base := range l.morphyBases(key) {
		r := Relation{Term: base, Weight: kindWeight['i'].weight, Kind: Inflection}
		add(r)
		hops = append(hops, r)
	}
	for _, h := range hops {
		for _, r := range l.relationsOf(h.Term) {
			if r.Kind == Inflection && h.Kind == Inflection {
				continue // the base's other forms are not this word's
			}
			r.Weight *= h.Weight
			add(r)
		}
	}
	// A compound among the results brings its closed spelling when that is
	// a word of either dictionary: an article writes "ceasefire" where
	// WordNet has "cease fire".
	for _, r := range slices.Collect(maps.Values(best)) {
		if r.Kind == Spelling || !strings.Contains(r.Term, " ") {
			continue
		}
		for _, v := range l.relationsOf(r.Term) {
			if v.Kind == Spelling && (l.partsOfSpeech(v.Term) != "" || len(l.byEnglish[v.Term]) > 0) {
				add(Relation{Term: v.Term, Weight: r.Weight * v.Weight, Kind: r.Kind})
			}
		}
	}
	out := make([]Relation, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Term < out[j].Term
	})
	return out
}

// relationsOf parses the line of one lemma.
func (l *Lexicon) relationsOf(key string) []Relation {
	off, ok := l.relatedAt[key]
	if !ok {
		return nil
	}
	line := l.related[off:]
	if end := strings.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	fields := strings.Split(line, "\t")[2:] // after the lemma and its parts of speech
	out := make([]Relation, 0, len(fields))
	for _, f := range fields {
		if len(f) < 3 {
			continue
		}
		kw, ok := kindWeight[f[0]]
		if !ok {
			continue
		}
		w := kw.weight
		if rank := int(f[1] - '0'); rank > 1 && (kw.kind == Synonym || kw.kind == Derivation) {
			w -= 0.05 * float32(rank-1)
		}
		out = append(out, Relation{Term: f[2:], Weight: w, Kind: kw.kind})
	}
	return out
}

// morphyBases returns the base forms WordNet's morphology gives for an
// inflected English word and that the lexicon knows: an exception ("went" →
// "go"), or a detached noun or verb suffix giving a lemma of that part of
// speech ("elections" → "election", "founded" → "found", and "leaders" →
// "leader" though "leaders" is a lemma too). Without a tagger the
// comparative rules ("bigger" → "big") apply only to words that are no lemma
// themselves, and a base has at least three letters. Only the last word of
// a phrase is inflected.
func (l *Lexicon) morphyBases(key string) []string {
	prefix, last := "", key
	if i := strings.LastIndexByte(key, ' '); i >= 0 {
		prefix, last = key[:i+1], key[i+1:]
	}
	var out []string
	seen := map[string]bool{key: true}
	for _, r := range l.relationsOf(key) {
		if r.Kind == Inflection && r.Weight >= kindWeight['i'].weight && !seen[r.Term] {
			seen[r.Term] = true // an exception: "went" → "go"
			out = append(out, r.Term)
		}
	}
	own := l.partsOfSpeech(key)
	for _, rule := range detachmentRules {
		if rule.pos == 'a' && own != "" {
			continue // "number" is no comparative of "numb"
		}
		stem, ok := strings.CutSuffix(last, rule.suffix)
		if !ok || len(stem)+len(rule.ending) < 3 {
			continue // "has" is not a form of "ha"
		}
		base := prefix + stem + rule.ending
		if !seen[base] && strings.IndexByte(l.partsOfSpeech(base), rule.pos) >= 0 {
			seen[base] = true
			out = append(out, base)
		}
	}
	return out
}

// partsOfSpeech returns the WordNet parts of speech of a lemma as letters
// (n, v, a, r), or "" if it is no lemma.
func (l *Lexicon) partsOfSpeech(key string) string {
	off, ok := l.relatedAt[key]
	if !ok {
		return ""
	}
	_, line, _ := strings.Cut(l.related[off:], "\t")
	if end := strings.IndexAny(line, "\t\n"); end >= 0 {
		line = line[:end]
	}
	return line
}

// detachmentRules are WordNet's morphy suffix rules (morph.c) by part of
// speech.
var detachmentRules = []struct {
	pos            byte
	suffix, ending string
}{
	{'n', "s", ""}, {'n', "ses", "s"}, {'n', "xes", "x"}, {'n', "zes", "z"}, {'n', "ches", "ch"}, {'n', "shes", "sh"}, {'n', "men", "man"}, {'n', "ies", "y"},
	{'v', "s", ""}, {'v', "ies", "y"}, {'v', "es", "e"}, {'v', "es", ""}, {'v', "ed", "e"}, {'v', "ed", ""}, {'v', "ing", "e"}, {'v', "ing", ""},
	{'a', "er", ""}, {'a', "est", ""}, {'a', "er", "e"}, {'a', "est", "e"},
}

// Translations returns the words of the other language for a word or short
// phrase in lang (English or Russian), heaviest first. English is looked up
// as a lemma (inflected forms are reduced as in Related); Russian by its
// Snowball stems, so any case form finds the dictionary form. Russian
// results are dictionary forms for the caller to stem.
func (l *Lexicon) Translations(word, lang string) []Term {
	words := Words(word)
	if len(words) == 0 {
		return nil
	}
	var exact, parts []int32
	switch lang {
	case English:
		key := strings.Join(words, " ")
		exact = l.byEnglish[key]
		if len(exact) == 0 {
			for _, base := range l.morphyBases(key) {
				exact = append(exact, l.byEnglish[base]...)
			}
		}
		if len(words) == 1 {
			parts = l.byEnglishPart[key]
		}
	case Russian:
		key := StemRussian(strings.Join(words, " "))
		exact = l.byRussian[key]
		if len(words) == 1 {
			parts = l.byRussianPart[key]
		}
	default:
		return nil
	}
	best := map[string]Term{}
	freq := map[string]int32{}
	query := strings.ReplaceAll(strings.Join(words, " "), "ё", "е")
	add := func(i int32, scale float32) {
		p := l.pairs[i]
		text := p.ru
		if lang == Russian {
			text = p.en
			if strings.ReplaceAll(p.ru, "ё", "е") != query {
				// Another word with the same stem: "безопасный" for
				// "безопасность".
				scale *= stemOnlyWeight
			}
		}
		w := p.weight * scale
		if old, ok := best[text]; !ok || w > old.Weight {
			best[text] = Term{Text: text, Weight: w}
			freq[text] = p.freq
		}
	}
	for _, i := range exact {
		add(i, 1)
	}
	for _, i := range parts {
		add(i, partWeight)
	}
	out := make([]Term, 0, len(best))
	for _, t := range best {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Weight != b.Weight {
			return a.Weight > b.Weight
		}
		if freq[a.Text] != freq[b.Text] {
			return freq[a.Text] > freq[b.Text] // common English words first
		}
		return a.Text < b.Text
	})
	return out
}

// Words splits text into lower-case words of letters and digits, as the
// lexicon's terms are written: "Cease-fire" → ["cease", "fire"]. A caller
// stems each word of a term the way it stems its own text.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// StemRussian stems each word of a lower-case Russian phrase with Snowball,
// "ё" read as "е", and joins the stems with spaces; it is the key
// Translations looks Russian up by.
func StemRussian(phrase string) string {
	words := strings.Fields(strings.ReplaceAll(phrase, "ё", "е"))
	for i, w := range words {
		words[i] = russian.Stem(w, false)
	}
	return strings.Join(words, " ")
}
