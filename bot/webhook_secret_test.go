package bot

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// TestCheckWebhookSecret: the secrets setWebhook accepts, 1 to 256 of
// A-Z, a-z, 0-9, _ and -, pass, as the pattern Telegram documents says;
// others get ErrWebhookSecret, which never repeats the secret.
func TestCheckWebhookSecret(t *testing.T) {
	documented := regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	tests := []string{
		"s3cret_Token-1",
		"a",
		strings.Repeat("x", 256),
		strings.Repeat("x", 257),
		"",
		"with space",
		"dot.ted",
		"кириллица",
		"tab\t",
		"new\nline",
		"ok\x00",
	}
	for _, secret := range tests {
		err := CheckWebhookSecret(secret)
		if want := documented.MatchString(secret); (err == nil) != want {
			t.Errorf("CheckWebhookSecret(%q) = %v, want accepted=%v", secret, err, want)
		}
		if err != nil && (!errors.Is(err, ErrWebhookSecret) || secret != "" && strings.Contains(err.Error(), secret)) {
			t.Errorf("CheckWebhookSecret(%q) = %v, want ErrWebhookSecret without the secret", secret, err)
		}
	}
}
