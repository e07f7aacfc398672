package retrieval

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The glossary puts English and Russian words for the same thing on common
// ground: every word or phrase of a concept adds the concept's term to the
// text that contains it, so "ОДКБ" meets "CSTO" and "входит" meets "member".

//go:embed glossary.txt
var defaultGlossary string

// The names of every country, in English and Russian, come from ISO 3166-1
// (countries.txt, generated): a country new to the corpus is a country
// too, and «Грузия» meets "Georgia".
//
//go:generate go run ./gen/countries -out countries.txt
//go:embed countries.txt
var countryNames string

// glossary maps stems and stem phrases to concept IDs such as "org.csto".
type glossary struct {
	single map[string][]string // stem → concepts
	// names are single-word proper names by their forms in lower case:
	// the name as listed and, for a Russian one, its regular case forms
	// (nameForms). A stem would do too much: «Грузия» shares its stem
	// with «груз» (cargo), «Дания» with «данные» (data).
	names   map[string][]string
	phrases map[string][]phrase // first stem → phrases starting with it, longest first
	// implies lists the broader concepts a concept also counts as: the
	// Collective Security Treaty is a treaty.
	implies map[string][]string
}

type phrase struct {
	stems   []string
	concept string
}

// entityTypes are the concept types that name things. A glossary concept
// "kind.<type>" lists the words for such a type (country, страна, ...); a
// question word of that kind matches any entity of the type.
var entityTypes = map[string]bool{"country": true, "person": true, "place": true, "org": true}

// conceptType returns the part of a concept ID before the dot: org, country,
// place, person or term.
func conceptType(id string) string {
	t, _, _ := strings.Cut(id, ".")
	return t
}

// parseGlossary reads lines of the form "type.name: term, term, ...", or
// "type.name > other.concept: ..." for a concept that also counts as a
// broader one. Terms may be in any word form; they are tokenised and stemmed
// like any text.
func parseGlossary(src string) (*glossary, error) {
	g := &glossary{single: map[string][]string{}, phrases: map[string][]phrase{}, implies: map[string][]string{},
		names: map[string][]string{}}
	return g, g.read(src, false)
}

// parseGlossaryWithNames is parseGlossary with the proper names of names
// (in the same format) added.
func parseGlossaryWithNames(src, names string) (*glossary, error) {
	g, err := parseGlossary(src)
	if err != nil {
		return nil, err
	}
	return g, g.read(names, true)
}

// read adds the concepts of src; proper says its single words are proper
// names (see glossary.names). A single function word is no name («Того»
// is Togo and "that").
func (g *glossary) read(src string, proper bool) error {
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, terms, ok := strings.Cut(line, ":")
		id, implied, _ := strings.Cut(id, ">")
		id = strings.TrimSpace(id)
		g.implies[id] = append(g.implies[id], strings.Fields(implied)...)
		if !ok || !strings.Contains(id, ".") || strings.HasSuffix(id, ".") || strings.ContainsAny(id, " \t") {
			return fmt.Errorf("glossary line %d: want \"type.name: term, term\", got %q", n, line)
		}
		for _, term := range strings.Split(terms, ",") {
			toks := tokenize(term)
			var stems []string
			for _, t := range toks {
				stems = append(stems, t.stem)
			}
			switch {
			case len(stems) == 0:
			case len(stems) == 1 && proper:
				if !toks[0].stop {
					for _, f := range nameForms(toks[0].lower) {
						g.names[f] = appendUnique(g.names[f], id)
					}
				}
			case len(stems) == 1:
				g.single[stems[0]] = appendUnique(g.single[stems[0]], id)
			default:
				g.addPhrase(phrase{stems: stems, concept: id})
			}
		}
	}
	return sc.Err()
}

func (g *glossary) addPhrase(p phrase) {
	list := g.phrases[p.stems[0]]
	for _, q := range list {
		if q.concept == p.concept && strings.Join(q.stems, " ") == strings.Join(p.stems, " ") {
			return
		}
	}
	list = append(list, p)
	// Longest first, so "collective security treaty organization" wins over
	// "collective security treaty".
	for i := len(list) - 1; i > 0 && len(list[i].stems) > len(list[i-1].stems); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	g.phrases[p.stems[0]] = list
}

// conceptMatch is a concept found at tokens [first, last] of a text.
type conceptMatch struct {
	concept     string
	first, last int
}

// match finds the concepts of a token sequence, longest phrase first: the
// tokens of a matched phrase take no other concept, so "Collective Security
// Treaty Organization" is the organisation, not also the treaty.
func (g *glossary) match(tokens []token) []conceptMatch {
	var out []conceptMatch
	for i := 0; i < len(tokens); {
		longest := -1
		for _, p := range g.phrases[tokens[i].stem] {
			last, ok := matchPhrase(tokens, i, p.stems)
			if !ok || (longest >= 0 && last < longest) {
				continue
			}
			if last > longest {
				out = dropFrom(out, i)
				longest = last
			}
			out = append(out, conceptMatch{p.concept, i, last})
		}
		if longest >= 0 {
			i = longest + 1
			continue
		}
		for _, c := range g.single[tokens[i].stem] {
			out = append(out, conceptMatch{c, i, i})
		}
		if names := g.names[tokens[i].lower]; len(names) > 0 {
			for _, c := range names {
				if !slices.Contains(g.single[tokens[i].stem], c) {
					out = append(out, conceptMatch{c, i, i})
				}
			}
		}
		i++
	}
	return out
}

// dropFrom removes the matches that start at token i.
func dropFrom(ms []conceptMatch, i int) []conceptMatch {
	for len(ms) > 0 && ms[len(ms)-1].first == i {
		ms = ms[:len(ms)-1]
	}
	return ms
}

func matchPhrase(tokens []token, i int, stems []string) (int, bool) {
	j := i
	for k, s := range stems {
		if j >= len(tokens) || tokens[j].stem != s {
			return 0, false
		}
		if k < len(stems)-1 {
			j++
		}
	}
	return j, true
}

// conceptKeys returns the index terms of a concept: its own and those of the
// broader concepts it implies.
func (g *glossary) conceptKeys(concept string) []string {
	keys := []string{"c:" + concept}
	for _, broader := range g.implies[concept] {
		keys = append(keys, "c:"+broader)
	}
	return keys
}

// has reports whether the glossary knows the stem as a word or a phrase start.
func (g *glossary) has(stem string) bool {
	return len(g.single[stem]) > 0
}

// nameForms returns the forms of a proper name in lower case: itself and,
// for a Russian name, its regular case forms by its ending (Грузия,
// Грузии, Грузию, Грузией; Китай, Китая …; Куба, Кубы …). A Russian name
// in -о, -е, -и or -у does not decline (Того, Мали, Перу).
func nameForms(name string) []string {
	out := []string{name}
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.Is(unicode.Cyrillic, r) {
		return out
	}
	for _, d := range nameDeclensions {
		if base, ok := strings.CutSuffix(name, d.ending); ok && base != "" {
			for _, e := range d.forms {
				out = append(out, base+e)
			}
			return out
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(name); !strings.ContainsRune("аеёиоуыэюяй", last) && last != 'ь' {
		for _, e := range []string{"а", "у", "ом", "е"} {
			out = append(out, name+e)
		}
	}
	return out
}

// nameDeclensions are the endings of Russian place names and the endings
// of their other case forms.
var nameDeclensions = []struct {
	ending string
	forms  []string
}{
	{"ия", []string{"ии", "ию", "ией", "иею"}},
	{"ья", []string{"ьи", "ью", "ьей"}},
	{"а", []string{"ы", "и", "е", "у", "ой", "ою"}},
	{"я", []string{"и", "е", "ю", "ей"}},
	{"й", []string{"я", "ю", "ем", "е"}},
	{"ь", []string{"и", "ью"}},
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
