package lexicon

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func relatedTerms(l *Lexicon, word string) []string {
	var out []string
	for _, r := range l.Related(word) {
		out = append(out, r.Term)
	}
	return out
}

func translationTexts(l *Lexicon, word, lang string) []string {
	var out []string
	for _, t := range l.Translations(word, lang) {
		out = append(out, t.Text)
	}
	return out
}

// TestRelatedReachesSynonymsAndDerivations checks WordNet relations the
// engine needs, each through a general mechanism (synsets, derivation and
// pertainym pointers, morphology, compound spelling).
func TestRelatedReachesSynonymsAndDerivations(t *testing.T) {
	l := Default()
	cases := []struct {
		word string
		want []string
		kind Kind // the kind of the first wanted term
	}{
		{"found", []string{"establish", "set up", "foundation"}, Synonym},
		{"founded", []string{"found", "establish"}, Inflection},
		{"established", []string{"establish", "found", "establishment"}, Inflection},
		{"chief", []string{"head"}, Synonym},
		{"truce", []string{"armistice", "cease fire", "ceasefire"}, Synonym},
		{"ceasefire", []string{"cease fire", "truce", "armistice"}, Spelling},
		{"cease-fire", []string{"ceasefire", "truce"}, Spelling},
		{"Armenian", []string{"armenia"}, Pertainym},
		{"Armenia", []string{"armenian"}, Pertainym},
		{"elect", []string{"election"}, Derivation},
		{"elections", []string{"election", "elect"}, Inflection},
		{"economic", []string{"economy"}, Pertainym},
		{"went", []string{"go"}, Inflection},
		{"set up", []string{"establish"}, Synonym},
		{"leaders", []string{"leader", "leadership"}, Inflection},
		{"bigger", []string{"big"}, Inflection},
		{"states", []string{"state", "country"}, Inflection},
	}
	for _, c := range cases {
		rels := l.Related(c.word)
		got := relatedTerms(l, c.word)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Related(%q) = %v, want it to contain %q", c.word, got, w)
			}
		}
		for _, r := range rels {
			if r.Term == c.want[0] && r.Kind != c.kind {
				t.Errorf("Related(%q): %q is a %v, want %v", c.word, r.Term, r.Kind, c.kind)
			}
			if r.Weight <= 0 || r.Weight >= 1 {
				t.Errorf("Related(%q): %q weighs %v, want within (0, 1)", c.word, r.Term, r.Weight)
			}
		}
		if !slices.IsSortedFunc(rels, func(a, b Relation) int { return -cmpWeight(a.Weight, b.Weight) }) {
			t.Errorf("Related(%q) is not heaviest first: %v", c.word, rels)
		}
	}
}

func cmpWeight(a, b float32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestRelatedLeavesOutRareSenses checks the sense rule (a word's synonyms
// come from its common senses only) and that morphology reduces a word only
// to a lemma of the part of speech the suffix belongs to.
func TestRelatedLeavesOutRareSenses(t *testing.T) {
	l := Default()
	cases := []struct{ word, unwanted string }{
		{"head", "nous"}, // third sense, tagged 7 times against 208
		{"head", "mind"}, // the same synset
		{"leader", "pb"}, // "lead" the metal: "leader" is a noun, not a comparative
		{"number", "numb"},
		{"has", "ha"},
	}
	for _, c := range cases {
		if got := relatedTerms(l, c.word); slices.Contains(got, c.unwanted) {
			t.Errorf("Related(%q) = %v, want no %q", c.word, got, c.unwanted)
		}
	}
}

// TestRelatedIrregularSiblings: an inflected word meets its base's
// irregular forms, which share no stem with it ("fleeing" → "fled",
// "went" → "gone"), but not its regular ones.
func TestRelatedIrregularSiblings(t *testing.T) {
	l := Default()
	for word, want := range map[string]string{"fleeing": "fled", "went": "gone", "seeing": "saw"} {
		if got := relatedTerms(l, word); !slices.Contains(got, want) {
			t.Errorf("Related(%q) = %v, want %q among them", word, got, want)
		}
	}
	if got := relatedTerms(l, "elections"); slices.Contains(got, "electioned") {
		t.Errorf("Related(elections) = %v: a regular form", got)
	}
}

// TestRelatedUnknownWord checks that words WordNet lacks give nothing, rather
// than a guess. WordNet 3.0 has neither "airstrike" nor "air strike".
func TestRelatedUnknownWord(t *testing.T) {
	l := Default()
	for _, w := range []string{"airstrike", "csto", "", "  ", "одкб"} {
		if got := l.Related(w); len(got) != 0 {
			t.Errorf("Related(%q) = %v, want nothing", w, got)
		}
	}
}

// TestTranslations checks both directions of the bilingual lexicon,
// including Russian case forms reached through their stems and phrases.
func TestTranslations(t *testing.T) {
	l := Default()
	cases := []struct {
		word, lang string
		want       []string
		first      string // the heaviest translation, if it matters
	}{
		{"перемирие", Russian, []string{"truce", "armistice"}, "truce"},
		{"перемирия", Russian, []string{"truce"}, "truce"},
		{"truce", English, []string{"перемирие"}, "перемирие"},
		{"armistice", English, []string{"короткое перемирие", "прекращение огня"}, ""},
		{"граница", Russian, []string{"border", "frontier", "boundary"}, ""},
		{"границы", Russian, []string{"border"}, ""},
		{"border", English, []string{"граница"}, "граница"},
		{"секретарь", Russian, []string{"secretary"}, ""},
		{"генеральный секретарь", Russian, []string{"secretary general"}, "secretary general"},
		{"генерального секретаря", Russian, []string{"secretary general"}, ""},
		{"secretary", English, []string{"секретарь"}, "секретарь"},
		{"secretary general", English, []string{"генеральный секретарь"}, ""},
		{"elections", English, []string{"выборы"}, "выборы"},
		{"leaders", English, []string{"руководитель", "лидер"}, "руководитель"},
		{"chief", English, []string{"глава", "руководитель"}, "глава"},
		{"ceasefire", English, []string{"прекращение огня"}, ""},
	}
	for _, c := range cases {
		got := translationTexts(l, c.word, c.lang)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Translations(%q, %s) = %v, want it to contain %q", c.word, c.lang, got, w)
			}
		}
		if c.first != "" && (len(got) == 0 || got[0] != c.first) {
			t.Errorf("Translations(%q, %s) = %v, want %q first", c.word, c.lang, got, c.first)
		}
	}
	if got := l.Translations("truce", "de"); got != nil {
		t.Errorf("Translations in an unknown language = %v, want nil", got)
	}
}

// allPairs returns every translation pair, in en_ru order.
func allPairs(t *testing.T, l *Lexicon) []pair {
	t.Helper()
	var out []pair
	for line := range strings.Lines(l.enRu.text) {
		p, ok := parsePair(strings.TrimSuffix(line, "\n"), false)
		if !ok {
			t.Fatalf("bad pair line %q", line)
		}
		out = append(out, p)
	}
	return out
}

// TestTranslationsAreCleanWords checks the dictionary parser's output: lower
// case, letters, Russian of at most three words, no placeholders such as "кого-л.".
func TestTranslationsAreCleanWords(t *testing.T) {
	l := Default()
	for _, p := range allPairs(t, l) {
		for _, s := range []string{p.en, p.ru} {
			if s != strings.ToLower(s) || strings.Join(Words(s), " ") != s {
				t.Fatalf("pair %q – %q: %q is not a clean term", p.en, p.ru, s)
			}
		}
		if len(strings.Fields(p.ru)) > 3 {
			t.Fatalf("pair %q – %q: the Russian is longer than three words", p.en, p.ru)
		}
		if hasLatinLetter(p.ru) || !hasLatinLetter(p.en) {
			t.Fatalf("pair %q – %q: scripts are mixed up", p.en, p.ru)
		}
	}
}

func hasLatinLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
}

// TestTablesAreSorted checks what the binary search relies on: every table
// sorted by key in byte order, and every Russian term stored under the stems
// StemRussian computes, so lookups find what was stored.
func TestTablesAreSorted(t *testing.T) {
	l := Default()
	tables := map[string]table{"related": l.related, "en_ru": l.enRu, "ru_en": l.ruEn, "ru_stem": l.ruStem, "ru_part": l.ruPart, "en_part": l.enPart}
	for name, tab := range tables {
		prev, n := "", 0
		for line := range strings.Lines(tab.text) {
			key, _, ok := strings.Cut(line, "\t")
			if !ok || key < prev {
				t.Fatalf("%s: line %q is out of order after key %q", name, line, prev)
			}
			prev = key
			n++
		}
		if n == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	n := 0
	for line := range strings.Lines(l.ruStem.text) {
		if n++; n%8 != 0 {
			continue // a sample keeps the test quick under -race
		}
		key, term, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if got := StemRussian(term); got != key {
			t.Fatalf("%q is stored under %q, StemRussian gives %q", term, key, got)
		}
		if !l.ruEn.has(term) {
			t.Fatalf("%q is indexed but has no pairs", term)
		}
	}
}

// TestTableLookup checks the search at the edges of a table: the first and
// last keys, keys between and beyond them, and repeated keys, in a whole
// table (searched by blocks) and in a part of one (bisected).
func TestTableLookup(t *testing.T) {
	const text = "b\t1\nb\t2\nd\t3\nf\t5\nf g\t4\n"
	cases := []struct {
		key  string
		want []string
	}{
		{"a", nil}, {"b", []string{"1", "2"}}, {"c", nil}, {"d", []string{"3"}},
		{"f g", []string{"4"}}, {"f", []string{"5"}}, {"z", nil}, {"", nil},
	}
	for name, tab := range map[string]table{"whole": newTable(text), "part": {text: text}} {
		for _, c := range cases {
			if got := tab.values(c.key); !slices.Equal(got, c.want) {
				t.Errorf("%s: values(%q) = %q, want %q", name, c.key, got, c.want)
			}
		}
	}
}

// TestTableBlocks checks lookups in a table of many blocks against a scan
// of its lines: every key (some repeated across a block's edge), keys
// between them, and the lines with a prefix.
func TestTableBlocks(t *testing.T) {
	var b strings.Builder
	want := map[string][]string{}
	for i := range 3000 {
		key := fmt.Sprintf("k%05d", i*2)
		for j := range 1 + i%7/5*40 { // every few keys repeated 41 times
			v := fmt.Sprintf("v%d.%d", i, j)
			fmt.Fprintf(&b, "%s\t%s\t%s\n", key, v, strings.Repeat("x", i%13))
			want[key] = append(want[key], v)
		}
	}
	whole, part := newTable(b.String()), table{text: b.String()}
	for i := -1; i <= 6001; i++ {
		key := fmt.Sprintf("k%05d", i)
		for name, tab := range map[string]table{"whole": whole, "part": part} {
			if got := tab.values(key); !slices.Equal(got, want[key]) {
				t.Fatalf("%s: values(%q) = %q, want %q", name, key, got, want[key])
			}
		}
	}
	for _, prefix := range []string{"k0", "k012", "k0599", "k05998", "k1", "j", "l", ""} {
		var lines []string
		for line := range strings.Lines(b.String()) {
			if strings.HasPrefix(line, prefix) {
				lines = append(lines, line)
			}
		}
		if got, wantText := whole.withPrefix(prefix).text, strings.Join(lines, ""); got != wantText {
			t.Errorf("withPrefix(%q) has %d bytes, want %d", prefix, len(got), len(wantText))
		}
		if got := whole.withPrefix(prefix).text; got != part.withPrefix(prefix).text {
			t.Errorf("withPrefix(%q) differs between a whole table and a part", prefix)
		}
	}
}

// TestWords checks the tokenisation of terms.
func TestWords(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Cease-fire", []string{"cease", "fire"}},
		{"set_up", []string{"set", "up"}},
		{"  Генеральный   секретарь ", []string{"генеральный", "секретарь"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := Words(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLoadRejectsBrokenData checks that Load reports data it cannot read.
func TestLoadRejectsBrokenData(t *testing.T) {
	cases := []struct{ name, related, translations string }{
		{"related without fields", "truce\n", translationsTSV},
		{"related without a last newline", "truce\tn", translationsTSV},
		{"translations without sections", relatedTSV, "truce\tперемирие\t1\t0\t3\n"},
		{"a section longer than the data", relatedTSV, "# en_ru 99\ntruce\tперемирие\t1\t0\t3\n"},
		{"a missing section", relatedTSV, "# en_ru 24\ntruce\tперемирие\t1\t0\t3\n"},
	}
	for _, c := range cases {
		if _, err := Load([]byte(c.related), []byte(c.translations)); err == nil {
			t.Errorf("Load accepted %s", c.name)
		}
	}
}

func TestIsEnglishWord(t *testing.T) {
	l := Default()
	for w, want := range map[string]bool{
		"canadian": true, "president": true, "presidents": true, "moscow": true,
		"lukashenko": false, "tasmagambetov": false, "": false,
	} {
		if got := l.IsEnglishWord(w); got != want {
			t.Errorf("IsEnglishWord(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestIsRussianWord(t *testing.T) {
	l := Default()
	for w, want := range map[string]bool{
		"Парламентской": true, "ассамблея": true, "Объединённый": true, "границы": true,
		"Тасмагамбетов": false, "Минобороны": false, "": false, "Курмангазиева": false,
	} {
		if got := l.IsRussianWord(w); got != want {
			t.Errorf("IsRussianWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestInflectedHeadwordMeansBoth: "determined" is a headword and the past
// of "determine"; both are translated, the headword first.
func TestInflectedHeadwordMeansBoth(t *testing.T) {
	got := translationTexts(Default(), "determined", English)
	if !slices.Contains(got, "определять") || !slices.Contains(got, "решительный") {
		t.Errorf("Translations(determined) = %v, want определять and решительный", got)
	}
}

func TestDropFleetingVowel(t *testing.T) {
	for word, want := range map[string]string{"порядок": "порядк", "отец": "отц", "граница": "", "посол": "посл"} {
		if got := DropFleetingVowel(word); got != want {
			t.Errorf("DropFleetingVowel(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestInflectedPhrase: a two-word Russian phrase is found with its head
// word inflected.
func TestInflectedPhrase(t *testing.T) {
	got := translationTexts(Default(), "прекращении огня", Russian)
	if !slices.Contains(got, "ceasefire") && !slices.Contains(got, "cease-fire") && !slices.Contains(got, "armistice") {
		t.Errorf("Translations(прекращении огня) = %v, want a word for a ceasefire", got)
	}
}

// TestTranslationsOfStemSiblings: a Russian word listed only in phrases
// also takes the translations of the dictionary words of its stem, below
// its own.
func TestTranslationsOfStemSiblings(t *testing.T) {
	got := Default().Translations("временно", Russian)
	own, sibling := float32(0), float32(0)
	for _, tr := range got {
		switch tr.Text {
		case "temporary":
			sibling = tr.Weight
		case "nonce":
			own = tr.Weight
		}
	}
	if sibling == 0 {
		t.Errorf("Translations(временно) = %v: want temporary among them", got)
	}
	if own != 0 && own <= sibling {
		t.Errorf("Translations(временно) = %v: its own senses should weigh more than its sibling's", got)
	}
}

// TestTableConcurrentLookups looks keys up in a fresh table from several
// goroutines at once, as the bot does, while its regions are found and cut
// into blocks.
func TestTableConcurrentLookups(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "k%06d\tv%d\n", i, i)
	}
	tab := newTable(b.String())
	const workers = 4
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := range 20000 {
				i := (k*7919 + w*5000) % 20000
				key := fmt.Sprintf("k%06d", i)
				if got := tab.values(key); len(got) != 1 || got[0] != fmt.Sprintf("v%d", i) {
					errs <- fmt.Errorf("values(%q) = %q", key, got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestKey checks that Key joins the words of a text as Words splits them,
// whether the text is already a key or not.
func TestKey(t *testing.T) {
	for _, text := range []string{"", " ", "cease fire", "cease  fire", " cease fire", "cease fire ", "Cease-fire",
		"ceasefire", "прекращение огня", "Прекращение огня", "ёлка", "2023", "g7", "x\u00ady", "a\tb", "İstanbul", "\xff", "ǅ"} {
		if got, want := Key(text), strings.Join(Words(text), " "); got != want {
			t.Errorf("Key(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFirstTranslationsArePrefix checks that FirstTranslations gives the
// first terms of Translations, at least as many as asked for, and that it
// stops short of the phrases for a word with many heavy translations.
func TestFirstTranslationsArePrefix(t *testing.T) {
	l := Default()
	words := slices.Clone(goldenWords)
	words = append(words, []struct{ word, lang string }{
		{"послом", Russian}, {"погибли", Russian}, {"перемирия", Russian}, {"временно", Russian},
		{"подписал", Russian}, {"огня", Russian}, {"прекращении огня", Russian}, {"токаева", Russian},
		{"determined", English}, {"elections", English}, {"set up", English}, {"lukashenko", English},
	}...)
	shortened := 0
	for _, w := range words {
		full := l.Translations(w.word, w.lang)
		for _, n := range []int{1, 4, 8, 20} {
			got := l.FirstTranslations(w.word, w.lang, n)
			if len(got) < min(n, len(full)) || len(got) > len(full) || !slices.Equal(got, full[:len(got)]) {
				t.Errorf("FirstTranslations(%q, %d) = %v, not the first %d or more of %v", w.word, n, got, n, full)
			}
			if len(got) < len(full) {
				shortened++
			}
		}
	}
	if shortened == 0 {
		t.Error("FirstTranslations never stopped before the phrases")
	}
}
