package main

// WordNet 3.0 database files, as installed by Debian's wordnet-base under
// /usr/share/wordnet. The generator relies on this much of their format
// (wndb(5WN), senseidx(5WN), cntlist(5WN)):
//
//   - data.noun|verb|adj|adv: after a licence header of lines starting with
//     two spaces, one synset per line:
//     "offset lex_filenum ss_type w_cnt(2 hex) word lex_id(1 hex) ... p_cnt(3 dec)
//     ptr_symbol offset pos source/target(4 hex) ... | gloss".
//     Adjective words may carry a syntactic marker "(a)", "(p)" or "(ip)".
//     A pointer's source/target is two hex bytes: the number of the word in
//     this synset and in the target synset; 0000 means the whole synsets.
//   - index.noun|verb|adj|adv: "lemma pos synset_cnt p_cnt ptr_symbol...
//     sense_cnt tagsense_cnt offset...", the offsets in sense order (most
//     frequent first).
//   - cntlist.rev: "sense_key sense_number tag_cnt", where the sense key is
//     "lemma%ss_type:..." (ss_type 1 noun, 2 verb, 3 adj, 4 adv, 5 satellite
//     adjective) and sense_number is the rank in index.<pos>.
//   - noun|verb|adj|adv.exc: "inflected_form base_form [base_form...]".

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Relation kinds as one-letter codes in en_related.tsv; the lexicon package
// reads the same letters.
const (
	kindSynonym    = 's'
	kindDerivation = 'd'
	kindPertainym  = 'p'
	kindInflection = 'i' // inflected form → base form
	kindInflected  = 'f' // base form → inflected form
	kindSpelling   = 'v'
)

// maxSenses and minSenseShare choose the senses a lemma's synonyms and
// derivations come from: its first sense always, and its second to fourth
// senses while SemCor tagged each at least minSenseShare as often as the
// first. This keeps "head" (body part, 208 tags) from reaching "mind" and
// "nous" (its third sense, 7 tags; the second has 21) while "state" keeps
// the four senses tagged 108, 39, 24 and 21 times, the fourth being
// "country, nation, commonwealth".
const (
	maxSenses     = 4
	minSenseShare = 0.15
)

var wordnetPOS = []struct{ file, pos string }{
	{"noun", "n"}, {"verb", "v"}, {"adj", "a"}, {"adv", "r"},
}

type synsetID struct {
	pos    string
	offset string
}

type pointer struct {
	symbol       string
	target       synsetID
	source, dest int // word numbers, 1-based; 0 for a semantic pointer
}

type synset struct {
	words    []string // normalised lemmas in synset order
	pointers []pointer
}

// wordnet is the part of the database the generator uses.
type wordnet struct {
	synsets    map[synsetID]*synset
	senses     map[string][]synsetID // "lemma\x00pos" → synsets in sense order
	tagCounts  map[string]int        // "lemma\x00pos\x00rank" → SemCor tag count
	exceptions map[string][]string   // inflected form → base forms
}

func readWordNet(dir string) (*wordnet, error) {
	wn := &wordnet{
		synsets:    map[synsetID]*synset{},
		senses:     map[string][]synsetID{},
		tagCounts:  map[string]int{},
		exceptions: map[string][]string{},
	}
	for _, p := range wordnetPOS {
		if err := eachLine(filepath.Join(dir, "data."+p.file), func(line string) error {
			return wn.addSynset(p.pos, line)
		}); err != nil {
			return nil, err
		}
		if err := eachLine(filepath.Join(dir, "index."+p.file), func(line string) error {
			return wn.addIndex(p.pos, line)
		}); err != nil {
			return nil, err
		}
		if err := eachLine(filepath.Join(dir, p.file+".exc"), func(line string) error {
			f := strings.Fields(line)
			if len(f) < 2 {
				return fmt.Errorf("exception line %q: want two fields", line)
			}
			for _, base := range f[1:] {
				if base != f[0] {
					wn.exceptions[normalizeLemma(f[0])] = appendNew(wn.exceptions[normalizeLemma(f[0])], normalizeLemma(base))
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := eachLine(filepath.Join(dir, "cntlist.rev"), wn.addCount); err != nil {
		return nil, err
	}
	return wn, nil
}

func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "  ") {
			continue // licence header
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func (wn *wordnet) addSynset(pos, line string) error {
	data, _, _ := strings.Cut(line, " | ")
	f := strings.Fields(data)
	if len(f) < 4 {
		return fmt.Errorf("short synset line")
	}
	wcnt, err := strconv.ParseInt(f[3], 16, 32)
	if err != nil {
		return fmt.Errorf("w_cnt %q: %w", f[3], err)
	}
	i := 4
	s := &synset{}
	for w := 0; w < int(wcnt); w++ {
		word := f[i]
		if j := strings.IndexByte(word, '('); j > 0 {
			word = word[:j] // adjective marker (a), (p), (ip)
		}
		s.words = append(s.words, normalizeLemma(word))
		i += 2
	}
	pcnt, err := strconv.Atoi(f[i])
	if err != nil {
		return fmt.Errorf("p_cnt %q: %w", f[i], err)
	}
	i++
	for p := 0; p < pcnt; p++ {
		st := f[i+3]
		src, err1 := strconv.ParseInt(st[:2], 16, 32)
		dst, err2 := strconv.ParseInt(st[2:], 16, 32)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("pointer source/target %q", st)
		}
		tpos := f[i+2]
		if tpos == "s" {
			tpos = "a"
		}
		s.pointers = append(s.pointers, pointer{symbol: f[i], target: synsetID{tpos, f[i+1]}, source: int(src), dest: int(dst)})
		i += 4
	}
	wn.synsets[synsetID{pos, f[0]}] = s
	return nil
}

func (wn *wordnet) addIndex(pos, line string) error {
	f := strings.Fields(line)
	if len(f) < 4 {
		return fmt.Errorf("short index line")
	}
	nsyn, err := strconv.Atoi(f[2])
	if err != nil {
		return fmt.Errorf("synset_cnt %q: %w", f[2], err)
	}
	if len(f) < nsyn {
		return fmt.Errorf("index line lists fewer than %d synsets", nsyn)
	}
	var ids []synsetID
	for _, off := range f[len(f)-nsyn:] {
		ids = append(ids, synsetID{pos, off})
	}
	wn.senses[normalizeLemma(f[0])+"\x00"+pos] = ids
	return nil
}

func (wn *wordnet) addCount(line string) error {
	f := strings.Fields(line)
	if len(f) != 3 {
		return fmt.Errorf("want 3 fields")
	}
	lemma, rest, ok := strings.Cut(f[0], "%")
	if !ok || rest == "" {
		return fmt.Errorf("sense key %q", f[0])
	}
	pos := map[byte]string{'1': "n", '2': "v", '3': "a", '4': "r", '5': "a"}[rest[0]]
	count, err := strconv.Atoi(f[2])
	if err != nil {
		return fmt.Errorf("tag count %q: %w", f[2], err)
	}
	wn.tagCounts[normalizeLemma(lemma)+"\x00"+pos+"\x00"+f[1]] += count
	return nil
}

// commonSenses returns the synsets of lemma in pos that pass the sense rule
// (maxSenses, minSenseShare).
func (wn *wordnet) commonSenses(lemma, pos string) []synsetID {
	all := wn.senses[lemma+"\x00"+pos]
	if len(all) == 0 {
		return nil
	}
	out := all[:1]
	first := wn.tagCounts[lemma+"\x00"+pos+"\x001"]
	for i := 1; i < len(all) && i < maxSenses; i++ {
		c := wn.tagCounts[lemma+"\x00"+pos+"\x00"+strconv.Itoa(i+1)]
		if c == 0 || float64(c) < minSenseShare*float64(first) {
			break
		}
		out = all[:i+1]
	}
	return out
}

// frequency returns how often SemCor tagged lemma in any sense.
func (wn *wordnet) frequency(lemma string) int {
	n := 0
	for _, p := range wordnetPOS {
		for i := range wn.senses[lemma+"\x00"+p.pos] {
			n += wn.tagCounts[lemma+"\x00"+p.pos+"\x00"+strconv.Itoa(i+1)]
		}
	}
	return n
}

// relatedEntry is one output relation before writing.
type relatedEntry struct {
	kind byte
	rank int // sense rank 1..maxSenses the relation came from; 1 otherwise
	term string
}

// buildRelated computes every lemma's relations.
func buildRelated(wn *wordnet) map[string][]relatedEntry {
	out := map[string][]relatedEntry{}
	add := func(key string, e relatedEntry) {
		if key == e.term || key == "" || e.term == "" {
			return
		}
		out[key] = append(out[key], e)
	}
	keys := make([]string, 0, len(wn.senses))
	for k := range wn.senses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lemma, pos, _ := strings.Cut(k, "\x00")
		for rank, id := range wn.commonSenses(lemma, pos) {
			s := wn.synsets[id]
			if s == nil {
				continue
			}
			me := 0
			for i, w := range s.words {
				if w == lemma {
					me = i + 1
				}
				add(lemma, relatedEntry{kindSynonym, rank + 1, w})
			}
			for _, p := range s.pointers {
				if p.symbol != "+" && p.symbol != `\` {
					continue
				}
				if p.source != 0 && p.source != me {
					continue // a lexical pointer from another word of the synset
				}
				t := wn.synsets[p.target]
				if t == nil {
					continue
				}
				targets := t.words
				if p.dest > 0 && p.dest <= len(t.words) {
					targets = t.words[p.dest-1 : p.dest]
				}
				for _, w := range targets {
					if p.symbol == "+" {
						add(lemma, relatedEntry{kindDerivation, rank + 1, w})
					} else {
						// Pertainyms go both ways: Armenian → Armenia and back.
						add(lemma, relatedEntry{kindPertainym, rank + 1, w})
						add(w, relatedEntry{kindPertainym, 1, lemma})
					}
				}
			}
		}
	}
	forms := make([]string, 0, len(wn.exceptions))
	for form := range wn.exceptions {
		forms = append(forms, form)
	}
	sort.Strings(forms) // map order would make the output differ run to run
	for _, form := range forms {
		for _, b := range wn.exceptions[form] {
			add(form, relatedEntry{kindInflection, 1, b})
			add(b, relatedEntry{kindInflected, 1, form})
		}
	}
	for k, list := range out {
		out[k] = dedupeRelated(list)
	}
	// A compound of two words, open or hyphenated ("cease-fire"), is also
	// written closed ("ceasefire"): the closed form points to it. Longer
	// phrases are not written closed.
	for _, k := range keys {
		lemma, _, _ := strings.Cut(k, "\x00")
		if strings.Count(lemma, " ") != 1 {
			continue
		}
		closed := strings.ReplaceAll(lemma, " ", "")
		add(closed, relatedEntry{kindSpelling, 1, lemma})
		add(lemma, relatedEntry{kindSpelling, 1, closed})
	}
	for k, list := range out {
		out[k] = dedupeRelated(list)
	}
	return out
}

// kindOrder ranks relation kinds for deduplication: a pair related in two
// ways keeps the closer kind.
var kindOrder = map[byte]int{kindSpelling: 0, kindInflection: 1, kindInflected: 2, kindPertainym: 3, kindDerivation: 4, kindSynonym: 5}

func dedupeRelated(list []relatedEntry) []relatedEntry {
	sort.SliceStable(list, func(i, j int) bool {
		if kindOrder[list[i].kind] != kindOrder[list[j].kind] {
			return kindOrder[list[i].kind] < kindOrder[list[j].kind]
		}
		return list[i].rank < list[j].rank
	})
	seen := map[string]bool{}
	out := list[:0]
	for _, e := range list {
		if !seen[e.term] {
			seen[e.term] = true
			out = append(out, e)
		}
	}
	return out
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
