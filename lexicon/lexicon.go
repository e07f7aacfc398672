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
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	_ "embed"

	"github.com/kljensen/snowball/russian"
)

//go:embed data/en_related.tsv
var relatedTSV string

//go:embed data/en_ru.tsv
var translationsTSV string

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
//
// Every table is a run of lines sorted by their first tab-separated field
// and is searched in place (see table), so loading only finds where the
// tables start.
type Lexicon struct {
	related table // lemma → parts of speech and related lemmas
	enRu    table // English term → Russian term, rank, position, frequency
	ruEn    table // Russian term → English term, rank, position, frequency
	ruStem  table // Russian term's stems → Russian term
	ruPart  table // stem of a word of a multi-word Russian term → the term
	enPart  table // word of a multi-word English term → the term
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
	l, err := load(relatedTSV, translationsTSV)
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded data: %v", err)) // a broken build, not a runtime condition
	}
	return l
})

// Load reads a lexicon from en_related.tsv and en_ru.tsv data as the
// generator writes them (see README.md). It copies the data; lookups search
// the copy in place.
func Load(related, translations []byte) (*Lexicon, error) {
	return load(string(related), string(translations))
}

func load(related, translations string) (*Lexicon, error) {
	if err := checkLine(related, 1); err != nil {
		return nil, fmt.Errorf("related terms: %w", err)
	}
	l := &Lexicon{related: newTable(related)}
	type section struct {
		t    *table
		tabs int // fields after the key
	}
	sections := map[string]section{"en_ru": {&l.enRu, 4}, "ru_en": {&l.ruEn, 4}, "ru_stem": {&l.ruStem, 1}, "ru_part": {&l.ruPart, 1}, "en_part": {&l.enPart, 1}}
	for rest := translations; rest != ""; {
		header, body, ok := strings.Cut(rest, "\n")
		f := strings.Fields(strings.TrimPrefix(header, "#"))
		if !ok || !strings.HasPrefix(header, "# ") || len(f) != 2 {
			return nil, fmt.Errorf("translations: bad section header %.40q", header)
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 0 || n > len(body) {
			return nil, fmt.Errorf("translations: section %s: bad length %q", f[0], f[1])
		}
		sec, ok := sections[f[0]]
		if !ok {
			return nil, fmt.Errorf("translations: unknown section %q", f[0])
		}
		if err := checkLine(body[:n], sec.tabs); err != nil {
			return nil, fmt.Errorf("translations: section %s: %w", f[0], err)
		}
		*sec.t = newTable(body[:n])
		delete(sections, f[0])
		rest = body[n:]
	}
	for name := range sections {
		return nil, fmt.Errorf("translations: no section %s", name)
	}
	return l, nil
}

// checkLine checks that a table is empty or ends its lines and that its
// first line has at least tabs tab-separated fields after the key, so that a
// file of another format fails at load rather than at lookup.
func checkLine(t string, tabs int) error {
	if t == "" {
		return nil
	}
	if t[len(t)-1] != '\n' {
		return fmt.Errorf("the last line is not ended")
	}
	first, _, _ := strings.Cut(t, "\n")
	if strings.Count(first, "\t") < tabs {
		return fmt.Errorf("line %.40q has too few fields", first)
	}
	return nil
}

// table is a run of newline-ended lines sorted by their first field (the
// key, up to the first tab) in byte order. It is searched in place. A whole
// table is cut into regions of about regionBytes bytes, and a region that
// is searched often into blocks of about blockBytes bytes; the lines that
// open them, found the first time the table is searched or when the region
// has been searched blocksAfter times, are bisected by the first bytes of
// their keys (keyHead), and then a block's few lines are read. A part of a
// table (withPrefix), and a region not yet cut into blocks, is bisected by
// byte offsets, the line around an offset starting after the previous
// newline.
type table struct {
	text    string
	regions *tableRegions // nil for a part of a table
}

// The sizes of regions and blocks: a table has a few hundred regions, a
// block three or four lines. A lookup reads a block's lines one by one;
// blocks of 256 bytes made a lookup a quarter faster than blocks of 512,
// and blocks of 128 a sixth faster again (BenchmarkTableLookup), for 16
// bytes more per 128 bytes of a region searched often.
const (
	regionBytes = 64 << 10
	blockBytes  = 128
)

// tableRegions are the regions of a whole table, found on first use.
type tableRegions struct {
	once sync.Once
	list []tableRegion
}

// tableRegion is one region of a table and, once it has been searched
// blocksAfter times, its blocks: each as the offset and key head of its
// opening line. Until then a lookup bisects the region in place: a process
// that looks a few words up (the command line) does not read the whole
// region for each.
type tableRegion struct {
	opening  lineStart
	searches atomic.Int32
	blocks   atomic.Pointer[[]lineStart]
}

// blocksAfter is how many searches of a region find its blocks: a process
// that answers a batch of questions and exits spent 3% less with 32 than
// with 16, reading fewer regions whole.
const blocksAfter = 32

// lineStart is a line's offset in its table and the head of its key.
type lineStart struct {
	off  int
	head uint64
}

// newTable returns a whole table over text.
func newTable(text string) table { return table{text: text, regions: &tableRegions{}} }

// keyHead is the first eight bytes of a key as a big-endian number, zeros
// past its end: heads compare as their keys' first eight bytes do.
func keyHead(key string) uint64 {
	var h uint64
	for i := range 8 {
		h <<= 8
		if i < len(key) {
			h |= uint64(key[i])
		}
	}
	return h
}

// lineStarts returns the lines of s[from:to] that open its spans of size
// bytes: the line at from, then the first line starting at or after each
// multiple of size past from.
func lineStarts(s string, from, to, size int) []lineStart {
	var out []lineStart
	for p := from; p < to; {
		out = append(out, lineStart{p, keyHead(lineKey(s, p))})
		next := p + size
		if next >= to {
			break
		}
		nl := strings.IndexByte(s[next-1:to], '\n')
		if nl < 0 {
			break
		}
		p = next + nl // the line after the one holding byte next-1
	}
	return out
}

// firstLine returns the offset of the first line whose key is at least key
// (prefixEnd false), or whose key is past key and every key with prefix key
// (prefixEnd true), or len(text) when there is none.
func (t table) firstLine(key string, prefixEnd bool) int {
	s := t.text
	past := func(k string) bool {
		if prefixEnd {
			return k > key && !strings.HasPrefix(k, key)
		}
		return k >= key
	}
	if t.regions == nil {
		p := sort.Search(len(s), func(p int) bool { return past(lineKey(s, strings.LastIndexByte(s[:p], '\n')+1)) })
		if p < len(s) {
			p = strings.LastIndexByte(s[:p], '\n') + 1
		}
		return p
	}
	// With prefixEnd only the first len(key) bytes of a key count.
	head, mask := keyHead(key), ^uint64(0)
	if prefixEnd && len(key) < 8 {
		mask <<= 8 * (8 - len(key))
	}
	pastLine := func(l lineStart) bool {
		if h := l.head & mask; h != head {
			return h > head
		}
		return past(lineKey(s, l.off))
	}
	// The line sought is in the span before the first one whose opening
	// line is past, or is that opening line.
	rs := t.regions
	rs.once.Do(func() {
		for _, l := range lineStarts(s, 0, len(s), regionBytes) {
			rs.list = append(rs.list, tableRegion{opening: l})
		}
	})
	// The searches are sort.Search written out, so pastLine is inlined:
	// every lookup of a word runs them.
	i, n := 0, len(rs.list)
	for i < n {
		if m := int(uint(i+n) >> 1); pastLine(rs.list[m].opening) {
			n = m
		} else {
			i = m + 1
		}
	}
	if i == 0 {
		return 0
	}
	r, lo, end := &rs.list[i-1], rs.list[i-1].opening.off, len(s)
	if i < len(rs.list) {
		end = rs.list[i].opening.off
	}
	bp := r.blocks.Load()
	if bp == nil {
		if r.searches.Add(1) < blocksAfter {
			return lo + table{text: s[lo:end]}.firstLine(key, prefixEnd)
		}
		b := lineStarts(s, lo, end, blockBytes) // searches racing here find the same blocks
		r.blocks.Store(&b)
		bp = &b
	}
	blocks := *bp
	j, n := 0, len(blocks)
	for j < n {
		if m := int(uint(j+n) >> 1); pastLine(blocks[m]) {
			n = m
		} else {
			j = m + 1
		}
	}
	p := blocks[j-1].off // j > 0: the region's opening line is not past
	if j < len(blocks) {
		end = blocks[j].off
	}
	for p < end {
		k := lineKey(s, p)
		if past(k) {
			break
		}
		p += len(k) // the rest of the line after its key
		p += strings.IndexByte(s[p:], '\n') + 1
	}
	return p
}

// lines calls yield with each line (without its newline) whose key is key,
// in order.
func (t table) lines(key string, yield func(line string) bool) {
	s := t.text
	if strings.IndexByte(key, '\t') >= 0 || strings.IndexByte(key, '\n') >= 0 {
		return // no line's key has either
	}
	for start := t.firstLine(key, false); start < len(s); {
		// The line's key is key if the line starts with key and a tab
		// or its end.
		after := start + len(key)
		if after >= len(s) || s[after] != '\t' && s[after] != '\n' || s[start:after] != key {
			return
		}
		end := after + strings.IndexByte(s[after:], '\n')
		if !yield(s[start:end]) {
			return
		}
		start = end + 1
	}
}

// first returns the first line whose key is key.
func (t table) first(key string) (string, bool) {
	var out string
	found := false
	t.lines(key, func(line string) bool {
		out, found = line, true
		return false
	})
	return out, found
}

// withPrefix returns the lines whose key starts with prefix, a table
// itself.
func (t table) withPrefix(prefix string) table {
	lo := t.firstLine(prefix, false)
	if !strings.HasPrefix(lineKey(t.text, lo), prefix) {
		// Most prefixes looked up are no key's: the line at lo, if
		// any, is past them, and the search for their end is spared.
		return table{}
	}
	hi := max(lo, t.firstLine(prefix, true))
	return table{text: t.text[lo:hi]}
}

// has says whether some line's key is key.
func (t table) has(key string) bool {
	_, ok := t.first(key)
	return ok
}

// values returns the second field of the lines whose key is key.
func (t table) values(key string) []string {
	var out []string
	t.lines(key, func(line string) bool {
		_, rest, _ := strings.Cut(line, "\t")
		v, _, _ := strings.Cut(rest, "\t")
		out = append(out, v)
		return true
	})
	return out
}

// lineKey returns the key of the line starting at start.
func lineKey(s string, start int) string {
	// Keys are a few bytes long: a loop to the first tab or newline beats
	// searching the whole line for its end and then for a tab.
	for i := start; i < len(s); i++ {
		if s[i] == '\t' || s[i] == '\n' {
			return s[start:i]
		}
	}
	return s[start:]
}

// pairs returns the translation pairs of a term: English terms in enRu,
// Russian ones in ruEn.
func (l *Lexicon) pairs(key string, russianKey bool) []pair {
	return l.appendPairs(nil, key, russianKey)
}

// appendPairs appends the translation pairs of a term to out.
func (l *Lexicon) appendPairs(out []pair, key string, russianKey bool) []pair {
	t := l.enRu
	if russianKey {
		t = l.ruEn
	}
	t.lines(key, func(line string) bool {
		if p, ok := parsePair(line, russianKey); ok {
			out = append(out, p)
		}
		return true
	})
	return out
}

// parsePair reads "term, other term, rank, position, frequency".
func parsePair(line string, russianKey bool) (pair, bool) {
	var f [5]string
	rest := line
	for i := range 4 {
		var ok bool
		if f[i], rest, ok = strings.Cut(rest, "\t"); !ok {
			return pair{}, false
		}
	}
	f[4] = rest
	rank, err1 := strconv.Atoi(f[2])
	pos, err2 := strconv.Atoi(f[3])
	freq, err3 := strconv.Atoi(f[4])
	if err1 != nil || err2 != nil || err3 != nil {
		return pair{}, false
	}
	p := pair{en: f[0], ru: f[1], weight: translationWeight(rank, pos), freq: int32(freq)}
	if russianKey {
		p.en, p.ru = p.ru, p.en
	}
	return p, true
}

// translationWeight is 0.8 for the first translation of the first sense and
// falls with the sense rank and the position in the sense.
func translationWeight(rank, pos int) float32 {
	return min(max(0.8-0.08*float32(rank-1)-0.04*float32(pos), 0.3), maxTranslationWeight)
}

// maxTranslationWeight is the most a translation weighs, a rank or a
// position below the first notwithstanding.
const maxTranslationWeight = 0.8

// stemOnlyWeight scales the weight of a Russian dictionary word other than
// the looked-up word (its dictionary form, or a word that shares its stem),
// so a listed word's own translations come first; for an inflected form,
// which matches no dictionary word as written, every translation is scaled
// alike.
const stemOnlyWeight = 0.9

// siblingWeight scales the weight of a translation of a dictionary word
// that only shares the looked-up word's stem ("временно" → "временный").
const siblingWeight = 0.7

// partWeight scales the weight of a translation reached through one word of
// a phrase ("перемирие" → "короткое перемирие" → "armistice").
const partWeight = 0.5

// Relation weights by kind; synonyms and derivations of a word's second and
// third senses weigh less (relationWeight). The table is indexed by a
// field's first byte, read for every relation of every line looked up;
// listed is false for a byte that marks no kind.
var kindWeight = [256]struct {
	kind   Kind
	weight float32
	listed bool
}{
	'v': {Spelling, 0.9, true},
	'i': {Inflection, 0.9, true},
	'f': {Inflection, 0.8, true},
	'p': {Pertainym, 0.7, true},
	'd': {Derivation, 0.7, true},
	's': {Synonym, 0.6, true},
}

// Related returns the English lemmas related to an English word or phrase,
// heaviest first. An inflected word is reduced to its base forms by
// WordNet's rules ("founded" → "found"), which are returned with their own
// relations; another spelling of a compound brings that spelling's
// relations too ("ceasefire" → "cease fire" → "truce"), and a two-word
// compound among the results brings its closed spelling if that is a known
// word ("truce" → "cease fire", "ceasefire").
func (l *Lexicon) Related(word string) []Relation {
	key := Key(word)
	if key == "" {
		return nil
	}
	var lines lemmaLines
	line, listed := lines.first(l, key)
	var own []Relation
	pos := ""
	if listed {
		own, pos = relationsIn(line), posIn(line)
	}
	best := make(map[string]Relation, len(own))
	add := func(r Relation) {
		if r.Term == key {
			return
		}
		if old, ok := best[r.Term]; !ok || r.Weight > old.Weight {
			best[r.Term] = r
		}
	}
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
	for _, base := range l.morphyBasesOf(key, own, pos, &lines) {
		r := Relation{Term: base, Weight: kindWeight['i'].weight, Kind: Inflection}
		add(r)
		hops = append(hops, r)
	}
	for _, h := range hops {
		for _, r := range lines.relationsOf(l, h.Term) {
			if r.Kind == Inflection && h.Kind == Inflection && !lines.irregularFormOf(l, r.Term, h.Term) {
				// The base's regular forms share the word's stem
				// already; its irregular ones do not ("fleeing" →
				// "flee" → "fled").
				continue
			}
			r.Weight *= h.Weight
			add(r)
		}
	}
	// A compound among the results brings its closed spelling when that is
	// a word of either dictionary: an article writes "ceasefire" where
	// WordNet has "cease fire".
	var compounds []Relation
	for _, r := range best {
		if r.Kind != Spelling && strings.Contains(r.Term, " ") {
			compounds = append(compounds, r)
		}
	}
	for _, r := range compounds {
		line, ok := lines.first(l, r.Term)
		if !ok {
			continue
		}
		eachRelation(line, func(v Relation) {
			if v.Kind == Spelling && (lines.partsOfSpeech(l, v.Term) != "" || l.enRu.has(v.Term)) {
				add(Relation{Term: v.Term, Weight: r.Weight * v.Weight, Kind: r.Kind})
			}
		})
	}
	out := make([]Relation, 0, len(best))
	for _, r := range best {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Relation) int {
		if a.Weight != b.Weight {
			return cmp.Compare(b.Weight, a.Weight)
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out
}

// lemmaLines remembers the lines of the related table one call has looked
// up, found or not: Related meets a lemma more than once (a base form is
// first tried as a detachment rule's result, then read for its
// relations), and a search of the table costs more than a look here.
type lemmaLines struct {
	n    int
	seen [maxLemmaLines]struct {
		key, line string
		found     bool
	}
}

// maxLemmaLines is how many lookups a lemmaLines remembers, the first
// ones: a call of Related makes a dozen or two, and the array needs no
// allocation.
const maxLemmaLines = 24

// first is l.related.first, remembered unless m is nil.
func (m *lemmaLines) first(l *Lexicon, key string) (string, bool) {
	if m == nil {
		return l.related.first(key)
	}
	for i := range m.n {
		if s := &m.seen[i]; s.key == key {
			return s.line, s.found
		}
	}
	line, ok := l.related.first(key)
	if m.n < maxLemmaLines {
		s := &m.seen[m.n]
		s.key, s.line, s.found = key, line, ok
		m.n++
	}
	return line, ok
}

// relationsOf parses the line of one lemma.
func (m *lemmaLines) relationsOf(l *Lexicon, key string) []Relation {
	line, ok := m.first(l, key)
	if !ok {
		return nil
	}
	return relationsIn(line)
}

// partsOfSpeech returns the WordNet parts of speech of a lemma as letters
// (n, v, a, r), or "" if it is no lemma.
func (m *lemmaLines) partsOfSpeech(l *Lexicon, key string) string {
	line, ok := m.first(l, key)
	if !ok {
		return ""
	}
	return posIn(line)
}

// irregularFormOf reports whether form is an irregular inflection of base,
// one WordNet's exception lists give ("fled" → "flee", "went" → "go").
func (m *lemmaLines) irregularFormOf(l *Lexicon, form, base string) bool {
	for _, r := range m.relationsOf(l, form) {
		if r.Kind == Inflection && r.Term == base && r.Weight >= kindWeight['i'].weight {
			return true
		}
	}
	return false
}

// IsEnglishWord reports whether WordNet has the word (a lower-case lemma or
// an inflected form of one): "canadian", "president", "moscow" are words,
// "lukashenko" and "tasmagambetov" are not. A capitalised token that is no
// word is most likely a person's name.
func (l *Lexicon) IsEnglishWord(word string) bool {
	key := Key(word)
	if key == "" {
		return false
	}
	if _, ok := l.related.first(key); ok {
		return true
	}
	var lines lemmaLines
	for _, base := range l.morphyBasesOf(key, nil, "", &lines) { // key is no lemma
		if _, ok := lines.first(l, base); ok {
			return true
		}
	}
	return false
}

// IsRussianWord reports whether the dictionary has the Russian word as a
// headword or a form of one: "Парламентской" is a form of "парламентский",
// "Минобороны" and "Тасмагамбетов" are no headwords. The dictionary's
// Russian words are common words, written in lower case; names of people
// and places are not among them.
func (l *Lexicon) IsRussianWord(word string) bool {
	w := strings.ReplaceAll(strings.ToLower(word), "ё", "е")
	if w == "" {
		return false
	}
	return l.ruEn.has(w) || len(l.russianHeadwords(w)) > 0
}

// relationsIn parses a line of the related table.
func relationsIn(line string) []Relation {
	_, rest, _ := strings.Cut(line, "\t")
	_, rest, ok := strings.Cut(rest, "\t") // after the lemma and its parts of speech
	if !ok {
		return nil
	}
	out := make([]Relation, 0, strings.Count(rest, "\t")+1)
	eachRelation(line, func(r Relation) { out = append(out, r) })
	return out
}

// eachRelation calls visit with each relation on a line of the related
// table, in order.
func eachRelation(line string, visit func(Relation)) {
	_, rest, _ := strings.Cut(line, "\t")
	_, rest, ok := strings.Cut(rest, "\t") // after the lemma and its parts of speech
	if !ok {
		return
	}
	for f := range strings.SplitSeq(rest, "\t") {
		if len(f) < 3 {
			continue
		}
		kw := kindWeight[f[0]]
		if !kw.listed {
			continue
		}
		w := kw.weight
		if rank := int(f[1] - '0'); rank > 1 && (kw.kind == Synonym || kw.kind == Derivation) {
			w -= 0.05 * float32(rank-1)
		}
		visit(Relation{Term: f[2:], Weight: w, Kind: kw.kind})
	}
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
	var lines lemmaLines
	line, ok := l.related.first(key)
	if !ok {
		return l.morphyBasesOf(key, nil, "", &lines)
	}
	return l.morphyBasesOf(key, relationsIn(line), posIn(line), &lines)
}

// morphyBasesOf is morphyBases given the relations and the parts of speech
// of key (see partsOfSpeech), remembering in lines the lines it looks up.
func (l *Lexicon) morphyBasesOf(key string, relations []Relation, own string, lines *lemmaLines) []string {
	prefix, last := "", key
	if i := strings.LastIndexByte(key, ' '); i >= 0 {
		prefix, last = key[:i+1], key[i+1:]
	}
	var out []string
	seen := func(w string) bool { return w == key || slices.Contains(out, w) }
	for _, r := range relations {
		if r.Kind == Inflection && r.Weight >= kindWeight['i'].weight && !seen(r.Term) {
			out = append(out, r.Term) // an exception: "went" → "go"
		}
	}
	for _, rule := range detachmentRules {
		if rule.pos == 'a' && own != "" {
			continue // "number" is no comparative of "numb"
		}
		stem, ok := strings.CutSuffix(last, rule.suffix)
		if !ok || len(stem)+len(rule.ending) < 3 {
			continue // "has" is not a form of "ha"
		}
		base := prefix + stem + rule.ending
		if !seen(base) && strings.IndexByte(lines.partsOfSpeech(l, base), rule.pos) >= 0 {
			out = append(out, base)
		}
	}
	return out
}

// posIn returns the parts of speech on a line of the related table.
func posIn(line string) string {
	_, rest, _ := strings.Cut(line, "\t")
	pos, _, _ := strings.Cut(rest, "\t")
	return pos
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

// baseFormWeight weighs the translations of an English word's base form
// when the word is a headword of its own ("determined" → "определять").
const baseFormWeight = 0.9

// Translations returns the words of the other language for a word or short
// phrase in lang (English or Russian), heaviest first. English is looked up
// as a lemma (inflected forms are reduced as in Related); a Russian word by
// the dictionary forms it may be an inflection of ("послом" → "посол",
// "погибли" → "погибнуть"; see russianHeadwords), falling back to its
// Snowball stems only when none is a dictionary word. Russian results are
// dictionary forms for the caller to stem.
func (l *Lexicon) Translations(word, lang string) []Term {
	return l.translations(word, lang, 0)
}

// FirstTranslations returns the first n terms of Translations(word, lang)
// or more of them, in its order: a prefix of it, all of it when it has n
// terms or fewer. A word whose own translations outweigh any a phrase or a
// sibling could bring, n of them or more, is not looked up in phrases.
func (l *Lexicon) FirstTranslations(word, lang string, n int) []Term {
	return l.translations(word, lang, max(n, 1))
}

// translations is Translations, or FirstTranslations for need > 0.
func (l *Lexicon) translations(word, lang string, need int) []Term {
	key := Key(word)
	if key == "" {
		return nil
	}
	words := strings.Count(key, " ") + 1
	var exact, bases []pair
	var parts, siblings func() []pair
	switch lang {
	case English:
		exact = l.pairs(key, false)
		// "determined" is a headword (решительный) and the past of
		// "determine" (определять): an inflected form that is also a
		// word of its own means both.
		for _, base := range l.morphyBases(key) {
			if base != key {
				bases = l.appendPairs(bases, base, false)
			}
		}
		if len(exact) == 0 {
			exact, bases = bases, nil
		}
		if words == 1 {
			parts = func() []pair {
				var out []pair
				for _, term := range l.enPart.values(key) {
					out = l.appendPairs(out, term, false)
				}
				return out
			}
		}
	case Russian:
		exact, parts, siblings = l.russianPairs(key, words)
	default:
		return nil
	}
	// A term's SemCor frequency orders terms of one weight.
	best := make(map[string]rankedTerm, len(exact)+len(bases))
	query := strings.ReplaceAll(key, "ё", "е")
	add := func(p pair, scale float32) {
		text := p.ru
		if lang == Russian {
			text = p.en
			if strings.ReplaceAll(p.ru, "ё", "е") != query {
				// The dictionary form of an inflected word, or another
				// reading of a listed one: "граница" for "границы".
				scale *= stemOnlyWeight
			}
		}
		w := p.weight * scale
		if old, ok := best[text]; !ok || w > old.Weight {
			best[text] = rankedTerm{Term{Text: text, Weight: w}, p.freq}
		}
	}
	for _, p := range exact {
		add(p, 1)
	}
	for _, p := range bases {
		add(p, baseFormWeight)
	}
	// A word that is some sense's first translation has its plain
	// meaning already; the siblings are for one listed only in phrases
	// and later places.
	plain := false
	for _, p := range exact {
		plain = plain || p.weight >= translationWeight(1, 0)
	}
	if !plain && siblings == nil {
		plain = true // nothing more to add
	}
	if need > 0 {
		// Phrases and siblings weigh at most bound; the terms heavier
		// than that are the first ones whatever they add.
		// The bounds are reckoned as add weighs a pair, in float32.
		top, partScale, siblingScale := translationWeight(1, 0), float32(partWeight), float32(siblingWeight)
		bound := top * partScale
		if !plain {
			bound = max(bound, top*siblingScale)
		}
		if heavier := rankTerms(best, bound); len(heavier) >= need {
			return heavier
		}
	}
	if parts != nil {
		for _, p := range parts() {
			add(p, partWeight)
		}
	}
	if !plain {
		for _, p := range siblings() {
			add(p, siblingWeight)
		}
	}
	return rankTerms(best, -1)
}

// rankedTerm is a translation and the SemCor frequency of its English
// term, which orders terms of one weight.
type rankedTerm struct {
	Term
	freq int32
}

// rankTerms returns the terms of best heavier than bound, heaviest first.
func rankTerms(best map[string]rankedTerm, bound float32) []Term {
	ranked := make([]rankedTerm, 0, len(best))
	for _, t := range best {
		if t.Weight > bound {
			ranked = append(ranked, t)
		}
	}
	slices.SortFunc(ranked, func(a, b rankedTerm) int {
		if a.Weight != b.Weight {
			return cmp.Compare(b.Weight, a.Weight)
		}
		if a.freq != b.freq {
			return cmp.Compare(b.freq, a.freq) // common English words first
		}
		return strings.Compare(a.Text, b.Text)
	})
	out := make([]Term, len(ranked))
	for i, t := range ranked {
		out[i] = t.Term
	}
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

// Key returns the words of text (see Words) joined by single spaces, the
// form the lexicon looks a term up by. Text already in that form, as the
// lexicon's own terms are, comes back as it is, with nothing made.
func Key(text string) string {
	if isKey(text) {
		return text
	}
	return strings.Join(Words(text), " ")
}

// isKey reports whether text is non-empty lower-case words of letters and
// digits, each after the first after a single space.
func isKey(text string) bool {
	space := true // a space here would open the text
	for _, r := range text {
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.ToLower(r) != r {
				return false
			}
			space = false
		default:
			return false
		}
	}
	return !space
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
