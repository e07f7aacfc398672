package corpus

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite the golden cleaned articles in testdata/cleaned")

// TestCleanedArticlesGolden pins the cleaned text of each built-in article.
// Run with -update after a deliberate change to cleaning and review the diff.
func TestCleanedArticlesGolden(t *testing.T) {
	c, err := Load(Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 5 || len(c.Errors) != 0 {
		t.Fatalf("loaded %d articles, %d errors; want 5 and 0: %v", len(c.Articles), len(c.Errors), c.Errors)
	}
	dir := filepath.Join("..", "testdata", "cleaned")
	for _, a := range c.Articles {
		path := filepath.Join(dir, a.ID+".txt")
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(a.Text+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./corpus -update to create it)", err)
		}
		if got := a.Text + "\n"; got != string(want) {
			t.Errorf("%s: cleaned text differs from %s (run with -update and review the diff)", a.ID, path)
		}
	}
}

// TestCleaningDropsFurnitureKeepsArticle checks the cleaning rules on the
// built-in articles: what must go and what must stay.
func TestCleaningDropsFurnitureKeepsArticle(t *testing.T) {
	c, err := Load(Default())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, a := range c.Articles {
		all.WriteString(a.Text + "\n")
	}
	text := all.String()
	for _, gone := range []string{
		"bookmarkicon", "Top stories", "Read more", "Accept cookies", "Leave a Reply",
		"Damascus", "WeWork", "overeating", "Haniyeh", "skinheads", "Operation Uranus",
		"Slutsky", "Subscribe", "©", "Biden", "al-Sharaa", "0:00",
	} {
		if strings.Contains(text, gone) {
			t.Errorf("cleaned text still contains furniture %q", gone)
		}
	}
	for _, kept := range []string{
		"Along with Russia, the alliance comprises Armenia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan.",
		"According to Art. 4 of the Collective Security Treaty",
		"В январе миротворцы ОДКБ участвовали в подавлении протестов в Казахстане после обращения Токаева.",
		"Armenia requested assistance from the organisation in September, but received only a promise to send observers.",
		"Russian Presidnet Vladimir Putin attends a CSTO summit in Yerevan, Armenia, on November 23, 2022.",
		"Lukashenko calls for tighter cooperation within CSTO",
		`"There have always been attempts to (bring about) the CSTO's disintegration,"`,
	} {
		if !strings.Contains(text, kept) {
			t.Errorf("cleaned text lost article text %q", kept)
		}
	}
	if strings.ContainsAny(text, "“”‘’«»") {
		t.Error("typographic quotes were not normalised")
	}
}

func TestCleanScrapedText(t *testing.T) {
	tests := []struct {
		name, raw, title, want string
	}{
		{
			name: "title repeated and icon run",
			raw:  "home icon searchicon shareicon tgicon\nA Title Here\nThe alliance met on Monday.  It  agreed.\n",
			want: "The alliance met on Monday. It agreed.", title: "A Title Here",
		},
		{
			name: "teaser around read more",
			raw:  "The summit opened in Moscow.\nLeaders arrive for the next summit\nRead more\nLeaders arrive for the next summit\nThe summit closed.",
			want: "The summit opened in Moscow.\n\nThe summit closed.",
		},
		{
			name: "entities, quotes and credits",
			raw:  "He called it &laquo;a success&raquo; and ‘final’. © Photo Agency / Someone",
			want: `He called it "a success" and 'final'.`,
		},
		{
			name: "hard-wrapped markdown",
			raw:  "# The Summit\n\nThe CSTO held a summit in Moscow on May 16 to mark\nthe 30th anniversary of the treaty.\n\n- Armenia sent its prime minister.\n- Belarus sent its president.\n\nThe **summit** ended.",
			want: "The CSTO held a summit in Moscow on May 16 to mark the 30th anniversary of the treaty.\n\nArmenia sent its prime minister.\n\nBelarus sent its president.\n\nThe summit ended.",
		},
		{
			name: "words split at a wrap are mended, compounds the page writes keep their hyphen",
			raw:  "The observers reported a lasting cease-fire along the border and in the\nmountain districts, where the inter-\nnational monitors stayed on after the cease-\nfire talks ended in the capital city.",
			want: "The observers reported a lasting cease-fire along the border and in the mountain districts, where the international monitors stayed on after the cease-fire talks ended in the capital city.",
		},
		{
			name: "a Russian word split at a wrap is mended",
			raw:  "В декабре 2001 года Киргизия предоставила амери-\nканцам аэропорт под Бишкеком, а Узбекистан — базу.",
			want: "В декабре 2001 года Киргизия предоставила американцам аэропорт под Бишкеком, а Узбекистан — базу.",
		},
		{
			name: "a compound split at a wrap keeps its hyphen when the page writes its parts",
			raw:  "The envoy of the alliance, a well-\nknown diplomat, said the talks were well prepared and the result was known to all of the members.\n\nДелегация обсудила северо-восточные районы и положение в северо-\nзападных районах страны, на границе с Афганистаном.",
			want: "The envoy of the alliance, a well-known diplomat, said the talks were well prepared and the result was known to all of the members.\n\nДелегация обсудила северо-восточные районы и положение в северо-западных районах страны, на границе с Афганистаном.",
		},
		{
			name: "an address split at a wrap keeps its hyphen; a soft hyphen goes",
			raw:  "For the full text of the statement write to the press-\noffice@example.org address of the alliance.\n\nВ декабре 2001 года Киргизия предоставила амери\u00ad\nканцам аэропорт, а Узбекистан — базу амери\u2010\nканским войскам.",
			want: "For the full text of the statement write to the press-office@example.org address of the alliance.\n\nВ декабре 2001 года Киргизия предоставила американцам аэропорт, а Узбекистан — базу американским войскам.",
		},
		{
			name: "tail headlines and notices dropped",
			raw:  "The treaty was signed in 1992.\nThis website uses cookies. Read our privacy policy.\nAnother Story About Something Else Entirely\nKremlin",
			want: "The treaty was signed in 1992.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanScrapedText(tt.raw, tt.title); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestLoadReportsBadFilesAndLoadsTheRest(t *testing.T) {
	good := "---\ntitle: Good\noutlet: Test\npublished: 2022-05-17\n---\nThe CSTO has six members. They met in Moscow.\n"
	fsys := fstest.MapFS{
		"good.txt":       {Data: []byte(good)},
		"plain.md":       {Data: []byte("Plain Title\n\nThe treaty was signed in Tashkent in 1992.\n")},
		"empty.txt":      {Data: []byte("   \n\n")},
		"latin1.txt":     {Data: []byte("Caf\xe9 au lait was served at the summit.\n")},
		"binary.txt":     {Data: []byte("PK\x03\x04\x00\x00binary")},
		"badheader.txt":  {Data: []byte("---\ntitle: X\nauthor: Someone\n---\nThe text.\n")},
		"unclosed.txt":   {Data: []byte("---\ntitle: X\nThe text.\n")},
		"baddate.txt":    {Data: []byte("---\npublished: May 2022\n---\nThe text is here.\n")},
		"huge.txt":       {Data: []byte(strings.Repeat("The CSTO met. ", MaxFileSize/14+10))},
		"image.png":      {Data: []byte("\x89PNG")},
		"furniture.txt":  {Data: []byte("Top stories\nRead more\nAccept cookies\n")},
		"sub/nested.txt": {Data: []byte("Nested files are not read.\n")},
		"plain.txt":      {Data: []byte("Same name as plain.md, other extension.\n")},
		"pipe.txt":       {Mode: fs.ModeNamedPipe},
		"oneline.txt":    {Data: []byte("The CSTO has six member states.\n")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var loaded []string
	for _, a := range c.Articles {
		loaded = append(loaded, a.File)
	}
	if strings.Join(loaded, ",") != "good.txt,oneline.txt,plain.md" {
		t.Errorf("loaded %v, want good.txt, oneline.txt and plain.md", loaded)
	}
	want := map[string]error{
		"plain.txt": ErrDuplicateID, "pipe.txt": ErrNotRegular,
		"empty.txt": ErrEmpty, "latin1.txt": ErrNotUTF8, "binary.txt": ErrBinary,
		"badheader.txt": ErrBadHeader, "unclosed.txt": ErrBadHeader, "baddate.txt": ErrBadHeader,
		"huge.txt": ErrTooLarge, "furniture.txt": ErrEmpty,
	}
	if len(c.Errors) != len(want) {
		t.Errorf("got %d file errors, want %d: %v", len(c.Errors), len(want), c.Errors)
	}
	for _, fe := range c.Errors {
		if !errors.Is(fe, want[fe.File]) {
			t.Errorf("%s: error %v, want %v", fe.File, fe, want[fe.File])
		}
		if !strings.HasPrefix(fe.Error(), fe.File+": ") {
			t.Errorf("error %q does not name the file", fe)
		}
	}
	if one := c.Articles[1]; one.Title != "The CSTO has six member states." || one.Text != one.Title {
		t.Errorf("one-line file: title %q text %q; want the line as both", one.Title, one.Text)
	}
	a := c.Articles[2]
	if a.Title != "Plain Title" || a.Published != "" || a.Language != "en" {
		t.Errorf("headerless article: title %q published %q language %q", a.Title, a.Published, a.Language)
	}
	if a.Text != "The treaty was signed in Tashkent in 1992." {
		t.Errorf("headerless article text %q", a.Text)
	}
	if g := c.Articles[0]; g.Title != "Good" || g.Outlet != "Test" || g.Published != "2022-05-17" {
		t.Errorf("header not read: %+v", g)
	}
}

func TestPassagesPointIntoCleanedText(t *testing.T) {
	c, err := Load(Default())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Article{}
	for _, a := range c.Articles {
		byID[a.ID] = a
	}
	seen := map[string]bool{}
	for _, p := range c.Passages {
		if seen[p.ID] {
			t.Errorf("duplicate passage ID %s", p.ID)
		}
		seen[p.ID] = true
		a := byID[p.ArticleID]
		if a.Text[p.Start:p.End] != p.Text {
			t.Errorf("%s: span [%d,%d) does not hold the passage text", p.ID, p.Start, p.End)
		}
		if strings.Contains(strings.TrimSpace(p.Text[strings.LastIndex(p.Text, "\n\n")+1:]), "\n\n") {
			t.Errorf("%s crosses paragraphs", p.ID)
		}
		if len(p.Sentences) == 0 || len(p.Sentences) > maxPassageSentences {
			t.Errorf("%s has %d sentences", p.ID, len(p.Sentences))
		}
		if p.Title != a.Title || p.Outlet != a.Outlet || p.Published != a.Published || p.Paragraph < 1 {
			t.Errorf("%s lost its article's metadata: %+v", p.ID, p)
		}
	}
	if len(c.Passages) < 40 {
		t.Errorf("only %d passages from five articles", len(c.Passages))
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"According to Art. 4 of the Treaty, it holds. Then more.", []string{"According to Art. 4 of the Treaty, it holds.", "Then more."}},
		{`He said "it works." She agreed!`, []string{`He said "it works."`, "She agreed!"}},
		{"The U.S. and Gen. Smith met J. Doe. Done.", []string{"The U.S. and Gen. Smith met J. Doe.", "Done."}},
		{"It grew 2.5 times. Right?", []string{"It grew 2.5 times.", "Right?"}},
		{"В январе ОДКБ помогла. Это было в ст. 4 договора. Конец", []string{"В январе ОДКБ помогла.", "Это было в ст. 4 договора.", "Конец"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range SplitSentences(tt.text) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestLoadSkipsDevicesBehindLinks: a link to /dev/zero in the corpus folder
// must be refused, not read until memory runs out.
func TestLoadSkipsDevicesBehindLinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Skipf("cannot make a link here: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Ok\n\nThe CSTO has six member states.\n"), 0o644)
	c, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 1 || len(c.Errors) != 1 || !errors.Is(c.Errors[0], ErrNotRegular) {
		t.Errorf("articles %d, errors %v; want ok.txt loaded and zero.txt refused as not a regular file", len(c.Articles), c.Errors)
	}
}

// TestCollapseSpaces: each run of line spaces becomes one space, whatever
// its characters; other text, invalid bytes included, is kept.
func TestCollapseSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one two", "one two"},
		{"one  two", "one two"},
		{"one\u00a0two", "one two"},
		{"one \t\u2009\u200b two", "one two"},
		{"\u3000lead and trail\u202f", " lead and trail "},
		{"a\xff  b", "a\xff b"},
		{"no\nnewline  change", "no\nnewline change"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := collapseSpaces(tt.in); got != tt.want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMayHaveCredit: every line creditTail matches is tried; a colon with
// none of the credit words before it is not.
func TestMayHaveCredit(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Soldiers at the drill. Photo: Reuters", true},
		{"Учения ОДКБ. ФОТО: ТАСС", true},
		{"Учения © РИА Новости", true},
		{"Source: a scraper's long s", true},
		{"He said: the bloc is strong", false},
		{"No colon, no credit", false},
	}
	for _, tt := range tests {
		if got := mayHaveCredit(tt.line); got != tt.want {
			t.Errorf("mayHaveCredit(%q) = %v, want %v", tt.line, got, tt.want)
		}
		if creditTail.MatchString(tt.line) && !mayHaveCredit(tt.line) {
			t.Errorf("creditTail matches %q, which mayHaveCredit refuses", tt.line)
		}
	}
}
