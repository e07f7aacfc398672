// Command countries builds retrieval/countries.txt, the glossary's country
// names, from ISO 3166-1 as Debian's iso-codes package installs it: the
// English names of every country and their Russian translations.
//
//	apt-get install iso-codes
//	go generate ./retrieval
//
// A country the hand-written glossary already has keeps its concept ID there
// and gains the ISO names; every other country gets an ID of its own. The
// data is from iso-codes (LGPL-2.1-or-later); the file says so in its header.
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func main() {
	isoJSON := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-1.json", "ISO 3166-1 country list (iso-codes JSON)")
	ruMO := flag.String("ru", "/usr/share/locale/ru/LC_MESSAGES/iso_3166-1.mo", "Russian translations of the country names (gettext .mo)")
	glossary := flag.String("glossary", "glossary.txt", "the hand-written glossary whose country IDs are kept")
	out := flag.String("out", "countries.txt", "file to write")
	flag.Parse()
	if err := run(*isoJSON, *ruMO, *glossary, *out); err != nil {
		slog.Error("generate countries", "err", err)
		os.Exit(1)
	}
}

func run(isoJSON, ruMO, glossaryPath, out string) error {
	raw, err := os.ReadFile(isoJSON)
	if err != nil {
		return err
	}
	var list struct {
		Countries []country `json:"3166-1"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return fmt.Errorf("read %s: %w", isoJSON, err)
	}
	mo, err := os.ReadFile(ruMO)
	if err != nil {
		return err
	}
	ru, err := parseMO(mo)
	if err != nil {
		return fmt.Errorf("read %s: %w", ruMO, err)
	}
	gl, err := os.ReadFile(glossaryPath)
	if err != nil {
		return err
	}
	text, err := format(list.Countries, ru, glossaryCountries(string(gl)))
	if err != nil {
		return err
	}
	return os.WriteFile(out, []byte(text), 0o644)
}

// country is an entry of iso_3166-1.json.
type country struct {
	Alpha2       string `json:"alpha_2"`
	Name         string `json:"name"`
	CommonName   string `json:"common_name"`
	OfficialName string `json:"official_name"`
}

// names returns the country's English names and their Russian
// translations, where the catalogue has one. An inverted name ("Moldova,
// Republic of") is a catalogue's sort key: text names the country in order
// ("Republic of Moldova").
func (c country) names(ru map[string]string) []string {
	var out []string
	for _, n := range []string{c.CommonName, c.Name, c.OfficialName} {
		if n == "" {
			continue
		}
		if head, tail, ok := strings.Cut(n, ", "); ok {
			out = append(out, tail+" "+head) // "Congo, The Democratic Republic of the"
		} else {
			out = append(out, n)
		}
		if t := clean(ru[n]); t != "" && t != n && !strings.Contains(t, ",") {
			out = append(out, t)
		}
	}
	return dedupe(out)
}

// englishName is the country's English name for its concept ID: the
// common name, else the name, an inverted catalogue name ("Congo, The
// Democratic Republic of the") read in order.
func (c country) englishName() string {
	if c.CommonName != "" {
		return c.CommonName
	}
	if head, tail, ok := strings.Cut(c.Name, ", "); ok {
		return tail + " " + head
	}
	return c.Name
}

// clean drops the stress marks some translations carry ("Респу́блика").
func clean(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) || r == '\u0306' || r == '\u0308' { // keep й and ё
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(norm.NFC.String(b.String()))
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if k := strings.ToLower(n); !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// glossaryCountries maps each lower-cased name of a country concept of the
// hand-written glossary to its ID.
func glossaryCountries(src string) map[string]string {
	ids := map[string]string{}
	for _, line := range strings.Split(src, "\n") {
		id, terms, ok := strings.Cut(line, ":")
		if !ok || !strings.HasPrefix(id, "country.") {
			continue
		}
		id, _, _ = strings.Cut(id, ">")
		for _, t := range strings.Split(terms, ",") {
			ids[strings.ToLower(strings.TrimSpace(t))] = strings.TrimSpace(id)
		}
	}
	return ids
}

// format writes one glossary line per country, sorted by ID.
func format(countries []country, ru map[string]string, known map[string]string) (string, error) {
	var lines []string
	for _, c := range countries {
		names := c.names(ru)
		if len(names) == 0 {
			continue
		}
		id := ""
		for _, n := range names {
			if k, ok := known[strings.ToLower(n)]; ok {
				id = k
				break
			}
		}
		if id == "" {
			if sl := slug(c.englishName()); sl != "" {
				id = "country." + sl
			} else {
				return "", fmt.Errorf("%s: no English name to make an ID of", c.Alpha2)
			}
		}
		lines = append(lines, id+": "+strings.Join(names, ", "))
	}
	sort.Strings(lines)
	var b bytes.Buffer
	b.WriteString(header)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String(), nil
}

const header = `# Country names for the glossary, in English and Russian: generated by
# retrieval/gen/countries from ISO 3166-1 as Debian's iso-codes package ships
# it (names and their Russian translations). Do not edit; run
# "go generate ./retrieval".
#
# Data licence: iso-codes, © 2001-2023 Alastair McKinstry, Christian Perrier,
# Tobias Quathamer and the translators, GNU Lesser General Public License 2.1
# or later.
#
# Unlike the hand-written glossary, a single-word name here is a proper name:
# it marks a text's word only when the word is capitalised or written as
# listed («Грузия», not the «груз» it shares a stem with).
`

// slug is an ID-safe form of an English name: "South Korea" → south_korea.
func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(norm.NFD.String(name)) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		}
	}
	return strings.Trim(b.String(), "_")
}

// parseMO reads a GNU gettext message catalogue: msgid → msgstr.
func parseMO(data []byte) (map[string]string, error) {
	if len(data) < 20 {
		return nil, errors.New("too short for a .mo file")
	}
	var order binary.ByteOrder
	switch binary.LittleEndian.Uint32(data) {
	case 0x950412de:
		order = binary.LittleEndian
	case 0xde120495:
		order = binary.BigEndian
	default:
		return nil, errors.New("not a .mo file")
	}
	n := int(order.Uint32(data[8:]))
	origs, trans := int(order.Uint32(data[12:])), int(order.Uint32(data[16:]))
	str := func(table, i int) (string, error) {
		at := table + 8*i
		if at+8 > len(data) {
			return "", errors.New("string table out of range")
		}
		l, off := int(order.Uint32(data[at:])), int(order.Uint32(data[at+4:]))
		if off+l > len(data) || off < 0 || l < 0 {
			return "", errors.New("string out of range")
		}
		return string(data[off : off+l]), nil
	}
	out := make(map[string]string, n)
	for i := range n {
		id, err := str(origs, i)
		if err != nil {
			return nil, err
		}
		s, err := str(trans, i)
		if err != nil {
			return nil, err
		}
		if id != "" {
			out[id] = s
		}
	}
	return out, nil
}
