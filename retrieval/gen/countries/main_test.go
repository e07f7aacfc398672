package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildMO encodes messages as a little-endian gettext catalogue.
func buildMO(msgs map[string]string) []byte {
	var ids, strs []string
	for id, s := range msgs {
		ids, strs = append(ids, id), append(strs, s)
	}
	n := len(ids)
	headerLen := 28
	origs, trans := headerLen, headerLen+8*n
	data := trans + 8*n
	var blob bytes.Buffer
	var tables [2][]uint32
	for k, list := range [2][]string{ids, strs} {
		for _, s := range list {
			tables[k] = append(tables[k], uint32(len(s)), uint32(data+blob.Len()))
			blob.WriteString(s)
			blob.WriteByte(0)
		}
	}
	var b bytes.Buffer
	for _, v := range []uint32{0x950412de, 0, uint32(n), uint32(origs), uint32(trans), 0, 0} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	for _, t := range tables {
		for _, v := range t {
			binary.Write(&b, binary.LittleEndian, v)
		}
	}
	b.Write(blob.Bytes())
	return b.Bytes()
}

// TestFormat reads a catalogue and writes the lines: a country the
// glossary has keeps its ID, a new one gets a slug of its name, inverted
// catalogue names are left out and stress marks dropped.
func TestFormat(t *testing.T) {
	ru, err := parseMO(buildMO(map[string]string{
		"Georgia": "Грузия", "Moldova": "Молдавия", "Moldova, Republic of": "Республика Молдова",
		"Republic of Moldova": "Республика Молдова", "Russian Federation": "Росси́йская Федерация",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if ru["Georgia"] != "Грузия" {
		t.Fatalf("parseMO: Georgia = %q", ru["Georgia"])
	}
	got, err := format([]country{
		{Alpha2: "GE", Name: "Georgia"},
		{Alpha2: "MD", Name: "Moldova, Republic of", CommonName: "Moldova", OfficialName: "Republic of Moldova"},
		{Alpha2: "RU", Name: "Russian Federation"},
		{Alpha2: "CD", Name: "Congo, The Democratic Republic of the"},
	}, ru, glossaryCountries("country.russia: Russia, Russian Federation, Россия\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"country.georgia: Georgia, Грузия\n",
		"country.moldova: Moldova, Молдавия, Republic of Moldova, Республика Молдова\n",
		"country.russia: Russian Federation, Российская Федерация\n",
		// An inverted name alone still makes an English ID.
		"country.the_democratic_republic_of_the_congo:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("format: no line %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "Moldova, Republic of") {
		t.Errorf("an inverted catalogue name was kept:\n%s", got)
	}
	if _, err := format([]country{{Alpha2: "XX", Name: "—"}}, nil, nil); err == nil {
		t.Errorf("format made a country without an English name an ID")
	}
	if _, err := parseMO([]byte("not a catalogue at all")); err == nil {
		t.Errorf("parseMO accepted a file that is no catalogue")
	}
}

// TestCommittedFileIsGenerated regenerates ../../countries.txt from the
// iso-codes files when the machine has them (apt-get install iso-codes)
// and checks it is the committed one.
func TestCommittedFileIsGenerated(t *testing.T) {
	const iso, ru = "/usr/share/iso-codes/json/iso_3166-1.json", "/usr/share/locale/ru/LC_MESSAGES/iso_3166-1.mo"
	for _, f := range []string{iso, ru} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("iso-codes is not installed: %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "countries.txt")
	if err := run(iso, ru, filepath.Join("..", "..", "glossary.txt"), out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "countries.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("retrieval/countries.txt is not what the generator writes: run go generate ./retrieval")
	}
}
