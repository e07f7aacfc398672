package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/lexicon"
)

// miniWordNet is a WordNet database of three synsets in the files' format.
var miniWordNet = map[string]string{
	"data.noun": "  1 licence header line\n" +
		"13970912 28 n 03 armistice 0 cease-fire 0 truce 0 001 @ 13969700 n 0000 | a state of peace agreed to between opponents  \n" +
		"08953324 15 n 02 Armenia 0 Republic_of_Armenia 0 001 \\ 02955000 a 0101 | a landlocked republic  \n",
	"data.verb": "",
	"data.adj":  "02955000 01 a 01 Armenian 0 001 \\ 08953324 n 0101 | of or relating to Armenia  \n",
	"data.adv":  "",
	"index.noun": "armistice n 1 1 @ 1 0 13970912  \n" +
		"cease-fire n 1 1 @ 1 0 13970912  \n" +
		"truce n 1 1 @ 1 0 13970912  \n" +
		"armenia n 1 1 \\ 1 0 08953324  \n" +
		"republic_of_armenia n 1 1 \\ 1 0 08953324  \n",
	"index.verb":  "",
	"index.adj":   "armenian a 1 1 \\ 1 0 02955000  \n",
	"index.adv":   "",
	"noun.exc":    "truces truce\n",
	"verb.exc":    "",
	"adj.exc":     "",
	"adv.exc":     "",
	"cntlist.rev": "truce%1:28:00:: 1 3\n",
}

// TestWordNetRoundTrip builds relations from a miniature WordNet, formats
// them as the generator writes them, and reads them back with the lexicon.
func TestWordNetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for name, text := range miniWordNet {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wn, err := readWordNet(dir)
	if err != nil {
		t.Fatal(err)
	}
	relatedData := formatRelated(buildRelated(wn), wn)
	pairsData := formatPairs([]translationPair{{en: "truce", ru: "перемирие", rank: 1}, {en: "cease fire", ru: "прекращение огня", rank: 1}}, wn)
	l, err := lexicon.Load(relatedData, pairsData)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		word string
		want []string
	}{
		{"truce", []string{"armistice", "cease fire"}},
		{"truces", []string{"truce", "armistice"}},
		{"ceasefire", []string{"cease fire", "truce"}},
		{"armenian", []string{"armenia"}},
		{"armenia", []string{"armenian", "republic of armenia"}},
	}
	for _, c := range cases {
		var got []string
		for _, r := range l.Related(c.word) {
			got = append(got, r.Term)
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Related(%q) = %v, want %q", c.word, got, w)
			}
		}
	}
	if got := l.Translations("перемирия", lexicon.Russian); len(got) != 1 || got[0].Text != "truce" {
		t.Errorf("Translations(перемирия) = %v, want [truce]", got)
	}
	if got := l.Translations("прекращения", lexicon.Russian); len(got) != 1 || got[0].Text != "cease fire" {
		t.Errorf("Translations(прекращения) = %v, want [cease fire] through the phrase", got)
	}
	if got := l.Translations("cease fire", lexicon.English); len(got) != 1 || got[0].Text != "прекращение огня" {
		t.Errorf("Translations(cease fire) = %v, want [прекращение огня]", got)
	}
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestParseMueller checks the dictionary entry parser on entries written as
// mueller7 writes them.
func TestParseMueller(t *testing.T) {
	cases := []struct {
		name, entry string
		want        []string // "en=ru@rank"
		unwanted    []string
	}{
		{
			name: "senses, examples and glosses",
			entry: "truce\n   [truːs] _n.\n   1) перемирие; truce of God _ист. прекращение враждебных действий в дни,\n" +
				"   установленные церковью (в средние века)\n   2) конец; прекращение; truce to jesting! довольно шуток!\n",
			want:     []string{"truce=перемирие@1", "truce=конец@2", "truce=прекращение@2"},
			unwanted: []string{"truce of god=прекращение враждебных действий"},
		},
		{
			name:  "an example phrase",
			entry: "secretary\n   _I  [ˈsɛkrətrɪ] _n.\n      1) секретарь\n      2) секретарь, руководитель организации; secretary general генеральный\n      секретарь\n",
			want:  []string{"secretary=секретарь@1", "secretary general=генеральный секретарь@2", "secretary=руководитель организации@2"},
		},
		{
			name: "sub-senses of an example",
			entry: "go\n   2. _n.\n      1) движение, ход; to be on the go\n         а) быть в движении;\n" +
				"         б) быть пьяным;\n      2) энергия\n",
			want:     []string{"go=движение@2", "go=ход@2", "go=энергия@3"},
			unwanted: []string{"go=быть пьяным", "go=быть в движении"},
		},
		{
			name:     "commas of a clause or a list of complements",
			entry:    "president\n   [ˈprɛzɪdənt] _n.\n   1) президент\n   4) директор банка, компании или фирмы\n   5) избранный, но ещё не вступивший в должность президент\n",
			want:     []string{"president=президент@1"},
			unwanted: []string{"president=компании", "president=директор банка", "president=избранный"},
		},
		{
			name:     "placeholders, cross-references and hyphens",
			entry:    "bear\n   [beə] _v.\n   1) нести кого-л.; северо-восток\n   2) = bare\n",
			want:     []string{"bear=северо восток@1"},
			unwanted: []string{"bear=нести кого л"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			head, _, _ := strings.Cut(c.entry, "\n")
			var got []string
			for _, p := range parseMueller(dictEntry{headword: head, text: c.entry}) {
				got = append(got, p.en+"="+p.ru+"@"+string(rune('0'+p.rank)))
			}
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("got %q, want %q", got, w)
				}
			}
			for _, u := range c.unwanted {
				for _, g := range got {
					if strings.HasPrefix(g, u) {
						t.Errorf("got %q, want no %q", got, u)
					}
				}
			}
		})
	}
}

// TestReadDictd reads a two-entry dictd database written like dictzip's.
func TestReadDictd(t *testing.T) {
	dir := t.TempDir()
	body := "00-database-short\n   test\nborder\n   граница\ntruce\n   перемирие\n"
	dz := gzipBytes(t, []byte(body))
	// "border" starts at byte 26 (base64 "a") and is 25 bytes long ("Z");
	// "truce" starts at 51 ("z") and is 28 long ("c").
	index := "00-database-short\tA\ta\nborder\ta\tZ\ntruce\tz\tc\n"
	if err := os.WriteFile(filepath.Join(dir, "x.dict.dz"), dz, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.index"), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	entries, err := readDictd(filepath.Join(dir, "x.index"), filepath.Join(dir, "x.dict.dz"))
	if err != nil {
		t.Fatal(err)
	}
	want := []dictEntry{{"border", "border\n   граница\n"}, {"truce", "truce\n   перемирие\n"}}
	if !slices.Equal(entries, want) {
		t.Errorf("readDictd = %q, want %q", entries, want)
	}
}

// TestDecodeDictdNumber checks dictd's base64 numbers.
func TestDecodeDictdNumber(t *testing.T) {
	cases := map[string]int{"A": 0, "B": 1, "/": 63, "BA": 64, "C+m": 2*64*64 + 62*64 + 38}
	for in, want := range cases {
		if got, err := decodeDictdNumber(in); err != nil || got != want {
			t.Errorf("decodeDictdNumber(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := decodeDictdNumber("a-b"); err == nil {
		t.Error("decodeDictdNumber accepted a bad digit")
	}
}
