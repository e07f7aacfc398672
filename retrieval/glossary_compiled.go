package retrieval

import (
	_ "embed"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"strings"
)

// compiledGlossary is the built-in glossary (glossary.txt and
// countries.txt) parsed at build time: parsing it at start stems some
// 6,000 words, which took longer than the rest of a cold start's set-up
// together, where reading this file back only splits lines. Its first line
// is the key of the sources and stopwords it was made from
// (defaultGlossaryKey); when they change without it being made again, the
// engine parses the sources as before, so a stale file costs time, never
// an answer, and TestCompiledGlossary fails until it is regenerated.
//
//go:generate go test -run ^TestCompiledGlossary$ -update .
//go:embed glossary_compiled.txt
var compiledGlossary string

// defaultGlossaryKey names what the built-in glossary's parse depends on
// besides the code: its sources and the stopwords (a function word is no
// name). A CRC-32 is enough to see an edit and costs a tenth of the
// SHA-256 the index file's header takes (glossaryHash).
func defaultGlossaryKey() string {
	var crc uint32
	var buf [4 << 10]byte
	for _, s := range []string{defaultGlossary, "\x00", countryNames, "\x00", strings.Join(slices.Sorted(maps.Keys(stopwords)), " ")} {
		// In pieces through buf: io.WriteString would copy each source
		// whole to a new slice first.
		for len(s) > 0 {
			n := copy(buf[:], s)
			crc = crc32.Update(crc, crc32.IEEETable, buf[:n])
			s = s[n:]
		}
	}
	return fmt.Sprintf("glossary-crc32-%08x", crc)
}

// compileGlossary writes g for readCompiledGlossary, after a first line
// holding key. Each line is a record of space-separated fields (stems,
// forms and concept IDs hold no spaces), maps in key order, lists in their
// order:
//
//	s stem concept…            single: the concepts of a stem
//	n form concept…            names: the concepts of a proper name's form
//	p concept stem stem…       phrases: one phrase, after the earlier ones with its first stem
//	i concept [broader…]       implies
func compileGlossary(g *glossary, key string) string {
	var b strings.Builder
	b.WriteString(key + "\n")
	line := func(fields ...string) {
		b.WriteString(strings.Join(fields, " "))
		b.WriteByte('\n')
	}
	for _, stem := range slices.Sorted(maps.Keys(g.single)) {
		line(append([]string{"s", stem}, g.single[stem]...)...)
	}
	for _, stem := range slices.Sorted(maps.Keys(g.names)) {
		line(append([]string{"n", stem}, g.names[stem]...)...)
	}
	for _, first := range slices.Sorted(maps.Keys(g.phrases)) {
		for _, p := range g.phrases[first] {
			line(append([]string{"p", p.concept}, p.stems...)...)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(g.implies)) {
		line(append([]string{"i", id}, g.implies[id]...)...)
	}
	return b.String()
}

// readCompiledGlossary reads the glossary compileGlossary wrote; ok is
// false when the file's key is not key or a line is not a record.
func readCompiledGlossary(text, key string) (g *glossary, ok bool) {
	first, rest, _ := strings.Cut(text, "\n")
	if first != key {
		return nil, false
	}
	// Each map gets the size it ends with (a phrase key is the first stem
	// of one or more phrase records next to each other), and the records'
	// fields share one slice: making maps and slices was most of the time.
	var records [256]int
	phraseKeys, lastPhraseKey := 0, ""
	for line := range strings.Lines(rest) {
		records[line[0]]++
		if _, after, ok := strings.Cut(line, " "); ok && line[0] == 'p' {
			_, after, _ = strings.Cut(after, " ")
			key, _, _ := strings.Cut(strings.TrimSuffix(after, "\n"), " ")
			if key != lastPhraseKey {
				phraseKeys, lastPhraseKey = phraseKeys+1, key
			}
		}
	}
	g = &glossary{single: make(map[string][]string, records['s']), phrases: make(map[string][]phrase, phraseKeys),
		implies: make(map[string][]string, records['i']), names: make(map[string][]string, records['n'])}
	fields := make([]string, 0, strings.Count(rest, " ")+strings.Count(rest, "\n")+1)
	for line := range strings.Lines(rest) {
		start := len(fields)
		for f := range strings.SplitSeq(strings.TrimSuffix(line, "\n"), " ") {
			fields = append(fields, f)
		}
		f := fields[start:len(fields):len(fields)]
		if len(f) < 2 || slices.Contains(f, "") {
			return nil, false
		}
		switch {
		case f[0] == "s" && len(f) > 2:
			g.single[f[1]] = f[2:]
		case f[0] == "n" && len(f) > 2:
			g.names[f[1]] = f[2:]
		case f[0] == "p" && len(f) > 3:
			g.phrases[f[2]] = append(g.phrases[f[2]], phrase{stems: f[2:], concept: f[1]})
		case f[0] == "i":
			var broader []string // nil, as parseGlossary leaves a concept that implies none
			if len(f) > 2 {
				broader = f[2:]
			}
			g.implies[f[1]] = broader
		default:
			return nil, false
		}
	}
	return g, true
}
